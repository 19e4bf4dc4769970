import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Command, Decider } from '@ntm/decider';
import {
  communeStreamId,
  dossierDecider,
  dossierStreamId,
  evolveCommuneRecord,
  holdingsOf,
  initialCommuneRecord,
  type CommuneRecord,
  type CommuneRecordEvent,
  type DossierCommand,
} from '@ntm/recognition';
import { Clock, CommandGateway, type CommandOutcome } from '@ntm/application';
import { DocumentAccess } from '../documents/document-access';
import { assertDocumentsCitable } from './document-references';
import { ExecuteDossierCommand } from './dossier.messages';
import { requestContext } from '../http/request-context';

// The commune record folds like a decider with no commands: it is only read here.
/** Commands whose order does not matter: sent together without If-Match, each is decided again on a conflict. */
const ORDER_FREE: ReadonlySet<string> = new Set(['CastCouncilVote', 'RecordPublicComment']);
const ORDER_FREE_RETRIES = 10;

const communeRecordReader = {
  evolve: evolveCommuneRecord,
  initialState: initialCommuneRecord,
  decide: () => [],
} as unknown as Decider<Command, CommuneRecordEvent, CommuneRecord>;

@CommandHandler(ExecuteDossierCommand)
export class ExecuteDossierHandler implements ICommandHandler<ExecuteDossierCommand, CommandOutcome> {
  constructor(
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    private readonly documents: DocumentAccess,
  ) {}

  async execute(message: ExecuteDossierCommand): Promise<CommandOutcome> {
    const { dossierId, type, headers } = message;
    await assertDocumentsCitable(message.data, headers.actor, this.documents);
    let data = message.data;
    if (type === 'OpenDossier') {
      // The commune's recognitions come from its own record, never from the caller.
      const commune = data.commune as { communeCode: string };
      const record = await this.gateway.load(communeStreamId(commune.communeCode), communeRecordReader);
      data = { ...data, holdings: holdingsOf(record.state) };
    }
    return this.gateway.execute(
      {
        streamId: dossierStreamId(dossierId),
        decider: dossierDecider,
        mustExist: type !== 'OpenDossier',
        noun: 'hồ sơ',
        retryOnConflict: ORDER_FREE.has(type) ? ORDER_FREE_RETRIES : undefined,
        command: (metadata) => ({ type, data, metadata }) as DossierCommand,
      },
      requestContext(headers, this.clock.now(), message.causationId),
      message.request ?? { route: type, dossierId, data: message.data },
    );
  }
}

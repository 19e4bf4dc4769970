import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Command, Decider } from '@ntm/decider';
import {
  communeStreamId,
  dossierDecider,
  dossierStreamId,
  evolveCommuneRecord,
  getProcedure,
  holdingsOf,
  initialCommuneRecord,
  isProcedureVersion,
  periodOf,
  type CommuneRecord,
  type CommuneRecordEvent,
  type DossierCommand,
  type DossierCommandType,
  type ProcedureVersion,
} from '@ntm/recognition';
import type { Level, Period } from '@ntm/criteria';
import { LawRegistry } from './law.registry';
import { Clock, CommandGateway, type CommandOutcome } from '@ntm/application';
import { DocumentAccess } from '../documents/document-access';
import { assertDocumentsCitable } from './document-references';
import { ExecuteDossierCommand } from './dossier.messages';
import { requestContext } from '../http/request-context';

/** Commands whose order does not matter: sent together without If-Match, each is decided again on a conflict. */
const ORDER_FREE: ReadonlySet<string> = new Set(['CastCouncilVote', 'RecordPublicComment']);
const ORDER_FREE_RETRIES = 10;

// The commune record folds like a decider with no commands: it is only read here.
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
    private readonly law: LawRegistry,
  ) {}

  async execute(message: ExecuteDossierCommand): Promise<CommandOutcome> {
    const { dossierId, type, headers } = message;
    await assertDocumentsCitable(message.data, headers.actor, this.documents);
    const context = requestContext(headers, this.clock.now(), message.causationId);
    const run = (data: Record<string, unknown>) =>
      this.gateway.execute(
        {
          streamId: dossierStreamId(dossierId),
          decider: dossierDecider,
          mustExist: type !== 'OpenDossier',
          noun: 'hồ sơ',
          retryOnConflict: ORDER_FREE.has(type) ? ORDER_FREE_RETRIES : undefined,
          command: (metadata) => ({ type, data, metadata }) as DossierCommand,
        },
        context,
        message.request ?? { route: type, dossierId, data: message.data },
      );
    if (type === 'OpenDossier') return this.open(message, context, run);
    const outcome = await run(message.data);
    if (ENDINGS.includes(type) && outcome.events.length > 0) await this.releaseIfEnded(dossierId, context);
    return outcome;
  }

  /**
   * Opening: the commune's recognitions and group come from its record, the criteria set from the catalogue,
   * the province's procedure from its stream, never from the caller. A 2026-2030 dossier takes the commune's
   * slot for its level and period first; every dossier gets its code (mã hồ sơ) before the opening is appended.
   */
  private async open(
    message: ExecuteDossierCommand,
    context: ReturnType<typeof requestContext>,
    run: (data: Record<string, unknown>) => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    const { dossierId } = message;
    const { criteriaSetId, ...given } = message.data as Record<string, unknown> & { criteriaSetId?: string };
    const commune = given.commune as { communeCode: string; provinceCode: string; name: string };
    const record = await this.gateway.load(communeStreamId(commune.communeCode), communeRecordReader);
    let data: Record<string, unknown> = { ...given, holdings: holdingsOf(record.state) };
    const version = given.procedureVersion;
    const period: Period | null =
      typeof version === 'string' && isProcedureVersion(version) ? periodOf(getProcedure(version)) : null;
    if (period && typeof version === 'string') {
      const procedures = await this.law.provinceProcedures(commune.provinceCode);
      data = { ...data, provinceProcedure: procedures.byVersion[version as ProcedureVersion] ?? null };
    }
    if (period === '2026-2030') {
      const entry = await this.law.criteriaSetFor({
        id: criteriaSetId,
        period,
        level: given.level as Level,
        provinceCode: commune.provinceCode,
      });
      data = {
        ...data,
        ...(entry ? { criteriaSet: { document: entry.document, hash: entry.hash } } : {}),
        communeGroup: record.state.group ?? null,
      };
    }
    // Codes exist in the register (2026-2030 only: dossiers of the earlier period predate the register).
    if (period === '2026-2030')
      await this.law.requireActiveCommune(commune.provinceCode, commune.communeCode);
    // Refuse bad input before taking a code or a slot: the decider is pure, so deciding on nothing is free.
    dossierDecider.decide(
      {
        type: 'OpenDossier',
        data: { ...data, code: 'kiem-tra' },
        metadata: { actor: context.actor, now: context.now.toISOString() },
      } as DossierCommand,
      dossierDecider.initialState(),
    );
    const slot =
      period === '2026-2030'
        ? { communeCode: commune.communeCode, communeName: commune.name, level: given.level as Level, period }
        : null;
    if (slot) await this.law.reserveSlot(slot, dossierId, context);
    try {
      const code = await this.law.allocateCode(
        dossierId,
        commune.provinceCode,
        given.year as number,
        context,
      );
      return await run({ ...data, code });
    } catch (e) {
      const opened = await this.law.dossier(dossierId);
      if (slot && !opened) await this.law.releaseSlot(slot, dossierId, 'Mở hồ sơ không thành công', context);
      throw e;
    }
  }

  /** A withdrawn, refused or revoked 2026-2030 dossier frees its commune's slot. */
  private async releaseIfEnded(dossierId: string, context: ReturnType<typeof requestContext>): Promise<void> {
    const d = await this.law.dossier(dossierId);
    if (!d || d.period !== '2026-2030' || !['withdrawn', 'refused', 'revoked'].includes(d.status)) return;
    const reason = `Hồ sơ ${d.code ?? d.id} đã kết thúc (${d.status})`;
    await this.law.releaseSlot(
      { communeCode: d.commune.communeCode, level: d.level, period: d.period },
      d.id,
      reason,
      context,
    );
  }
}

const ENDINGS: readonly DossierCommandType[] = ['WithdrawDossier', 'RefuseRecognition', 'DecideRevocation'];

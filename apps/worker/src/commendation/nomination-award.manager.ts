import { domainEvent } from '@ntm/decider';
import {
  nominationDecider,
  nominationStreamId,
  REGISTER_STREAM_PREFIX,
  type NominationCommand,
  type RegisterEvent,
} from '@ntm/commendation';
import type { RecordedEvent } from '@ntm/event-store';
import type { ManagerCommand, ProcessManager } from '@ntm/read-models';
import type { Clock, CommandGateway } from '@ntm/application';
import { systemActor } from '../system-actor';

/**
 * Process manager: each recipient of an award decision (the register's DecisionIssued) has its nomination
 * marked awarded. The register is the truth and the decision is written there alone; this carries it to every
 * nomination, whatever fails in between. RecordAward of a decision the nomination already holds writes nothing,
 * so a redelivered event awards nothing twice; a nomination that can no longer take the award (withdrawn
 * meanwhile) is a refusal, recorded in process_manager_refusals.
 */
export class NominationAwardManager implements ProcessManager {
  readonly name = 'pm:nomination-award';
  readonly label = 'Ghi quyết định khen thưởng vào đề nghị';
  readonly handles = ['DecisionIssued'];
  readonly streamPrefixes = [REGISTER_STREAM_PREFIX];

  constructor(
    private readonly gateway: CommandGateway,
    private readonly clock: Clock,
  ) {}

  react(source: RecordedEvent): ManagerCommand[] {
    const issued = domainEvent<RegisterEvent>(source);
    if (issued.type !== 'DecisionIssued') return [];
    const { decisionId, number, decidedOn, recipients } = issued.data;
    return recipients.map(({ nominationId, awardId }) => ({
      description: `RecordAward ${awardId} on ${nominationStreamId(nominationId)}`,
      send: () =>
        this.gateway.execute(
          {
            streamId: nominationStreamId(nominationId),
            decider: nominationDecider,
            mustExist: true,
            noun: 'đề nghị khen thưởng',
            retryOnConflict: 5,
            command: (metadata): NominationCommand => ({
              type: 'RecordAward',
              data: { decisionId, awardId, decisionNumber: number, decidedOn },
              metadata,
            }),
          },
          {
            actor: systemActor('nomination-award'),
            now: this.clock.now(),
            correlationId: source.metadata.correlationId,
            causationId: source.eventId,
          },
          null,
        ),
    }));
  }
}

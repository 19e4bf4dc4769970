import { domainEvent } from '@ntm/decider';
import type { RecordedEvent } from '@ntm/event-store';
import type { ManagerCommand, ProcessManager } from '@ntm/read-models';
import {
  communeRecordDecider,
  communeRecordEventsFor,
  DOSSIER_STREAM_PREFIX,
  type DossierEvent,
  type RecordCommuneDecision,
} from '@ntm/recognition';
import type { Clock, CommandGateway } from '@ntm/application';
import { systemActor } from './system-actor';

/**
 * Process manager: keeps each commune's recognition record (its own stream) in step with the dossiers'
 * decisions, through the gateway and the record's decider, which writes a decision already in the record once.
 */
export class CommuneRecordManager implements ProcessManager {
  readonly name = 'pm:commune-record';
  readonly label = 'Ghi công nhận vào hồ sơ của xã';
  readonly handles = ['RecognitionGranted', 'RecognitionRevoked'];
  readonly streamPrefixes = [DOSSIER_STREAM_PREFIX];

  constructor(
    private readonly gateway: CommandGateway,
    private readonly clock: Clock,
  ) {}

  react(source: RecordedEvent): ManagerCommand[] {
    return communeRecordEventsFor(domainEvent<DossierEvent>(source)).map(({ streamId, event }) => ({
      description: `${event.type} on ${streamId}`,
      send: () =>
        this.gateway.execute(
          {
            streamId,
            decider: communeRecordDecider,
            mustExist: false,
            noun: 'hồ sơ công nhận của xã',
            retryOnConflict: 5,
            command: (metadata): RecordCommuneDecision => ({
              type: 'RecordCommuneDecision',
              data: { event },
              metadata,
            }),
          },
          {
            actor: systemActor('commune-record'),
            now: this.clock.now(),
            correlationId: source.metadata.correlationId,
            causationId: source.eventId,
          },
          null,
        ),
    }));
  }
}

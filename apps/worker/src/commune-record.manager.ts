import type { EventStore, RecordedEvent } from '@ntm/event-store';
import { communeRecordEventsFor, type DossierEvent } from '@ntm/recognition';
import { deterministicUuid } from '@ntm/application';

/**
 * Process manager: keeps each commune's recognition record (its own stream) in step with the dossiers'
 * decisions. The appended event's id derives from the dossier event's id, so a redelivery is a no-op.
 */
export class CommuneRecordManager {
  constructor(private readonly store: EventStore) {}

  async handle(events: readonly RecordedEvent[]): Promise<void> {
    for (const source of events) {
      for (const { streamId, event } of communeRecordEventsFor({
        type: source.type,
        data: source.data,
      } as DossierEvent)) {
        await this.store.append(
          streamId,
          [
            {
              eventId: deterministicUuid(`commune-record:${source.eventId}`),
              type: event.type,
              data: event.data,
              metadata: {
                actor: source.metadata.actor,
                role: source.metadata.role,
                correlationId: source.metadata.correlationId,
                causationId: source.eventId,
              },
            },
          ],
          { expectedVersion: 'any' },
        );
      }
    }
  }
}

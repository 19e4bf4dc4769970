import { domainEvent, fold } from '@ntm/decider';
import {
  isNomination,
  NOMINATION_STREAM_PREFIX,
  nominationDecider,
  placesReleased,
  reservationDecider,
  type NominationEvent,
  type ReservationCommand,
} from '@ntm/commendation';
import type { EventStore, RecordedEvent } from '@ntm/event-store';
import type { ManagerCommand, ProcessManager } from '@ntm/read-models';
import type { Clock, CommandGateway } from '@ntm/application';
import { systemActor } from '../system-actor';

/**
 * Process manager: a nomination rejected by the board or withdrawn gives back its achievement's place and its
 * quota place; an escalated one the old award type's quota place. Each event is judged by the nomination as it
 * stood just before and just after it (read from its stream), so a redelivery releases the same places, and
 * releasing a place no longer held writes nothing.
 */
export class NominationPlacesManager implements ProcessManager {
  readonly name = 'pm:nomination-places';
  readonly label = 'Trả lại chỉ tiêu của đề nghị';
  readonly handles = ['ReviewConcluded', 'NominationWithdrawn', 'NominationEscalated'];
  readonly streamPrefixes = [NOMINATION_STREAM_PREFIX];

  constructor(
    private readonly store: EventStore,
    private readonly gateway: CommandGateway,
    private readonly clock: Clock,
  ) {}

  async react(source: RecordedEvent): Promise<ManagerCommand[]> {
    const history = await this.store.readStream(source.streamId, { maxCount: source.streamVersion });
    const before = fold(
      nominationDecider.evolve,
      nominationDecider.initialState(),
      history.slice(0, -1).map((e) => domainEvent<NominationEvent>(e)),
    );
    const after = nominationDecider.evolve(before, domainEvent<NominationEvent>(source));
    if (!isNomination(before) || !isNomination(after)) return [];
    return placesReleased(before, after).map(({ streamId, reason }) => ({
      description: `ReleaseReservation of ${after.id} on ${streamId}`,
      send: () =>
        this.gateway.execute(
          {
            streamId,
            decider: reservationDecider,
            mustExist: false,
            noun: 'giữ chỗ',
            retryOnConflict: 5,
            command: (metadata): ReservationCommand => ({
              type: 'ReleaseReservation',
              data: { nominationId: after.id, reason },
              metadata,
            }),
          },
          {
            actor: systemActor('nomination-places'),
            now: this.clock.now(),
            correlationId: source.metadata.correlationId,
            causationId: source.eventId,
          },
          null,
        ),
    }));
  }
}

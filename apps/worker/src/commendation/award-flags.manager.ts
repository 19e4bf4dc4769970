import { domainEvent } from '@ntm/decider';
import { flagCommandFor, registerDecider, registerStreamId, type RegisterCommand } from '@ntm/commendation';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@ntm/event-store';
import type { ManagerCommand, ProcessManager } from '@ntm/read-models';
import { DOSSIER_STREAM_PREFIX, type DossierEvent, type EventOf } from '@ntm/recognition';
import { CommandGateway, type Clock } from '@ntm/application';
import { systemActor } from '../system-actor';

/**
 * Process manager: when a commune's recognition is revoked (the dossier's RecognitionRevoked), every award in
 * the province's register that rested on it is flagged for the board's review. The flag carries the event's
 * id, so a redelivered event flags nothing twice. Feed it `RecognitionRevoked` from the `dossier-` streams.
 */
export class AwardFlagsManager implements ProcessManager {
  readonly name = 'award-flags';
  readonly label = 'Đánh dấu khen thưởng khi thu hồi công nhận';
  readonly handles = ['RecognitionRevoked'];
  readonly streamPrefixes = [DOSSIER_STREAM_PREFIX];

  constructor(
    private readonly store: EventStore,
    private readonly gateway: CommandGateway,
    private readonly clock: Clock,
  ) {}

  react(source: RecordedEvent): ManagerCommand[] {
    if (source.type !== 'RecognitionRevoked' || !source.streamId.startsWith(DOSSIER_STREAM_PREFIX)) return [];
    return [
      {
        description: `FlagAwardsForRevokedRecognition for ${source.streamId}`,
        send: () => this.flag(source),
      },
    ];
  }

  private async flag(source: RecordedEvent): Promise<void> {
    const provinceCode = await this.provinceOf(source.streamId);
    if (!provinceCode) return;
    const streamId = registerStreamId(provinceCode);
    // No register yet: the province has given no award, so nothing rests on the recognition.
    if ((await this.store.streamVersion(streamId)) === null) return;
    const revoked = domainEvent<EventOf<'RecognitionRevoked'>>(source);
    await this.gateway.execute(
      {
        streamId,
        decider: registerDecider,
        mustExist: true,
        noun: 'sổ khen thưởng của tỉnh',
        notFound: 'AWARD_NOT_FOUND',
        retryOnConflict: 5,
        command: (metadata): RegisterCommand => ({
          type: 'FlagAwardsForRevokedRecognition',
          data: flagCommandFor(provinceCode, revoked, source.eventId),
          metadata,
        }),
      },
      {
        actor: systemActor('award-flags'),
        now: this.clock.now(),
        correlationId: source.metadata.correlationId,
        causationId: source.eventId,
      },
      null,
    );
  }

  /** The province of the dossier's commune, from the dossier's opening event. */
  private async provinceOf(dossierStreamId: string): Promise<string | null> {
    try {
      const [first] = await this.store.readStream(dossierStreamId, { maxCount: 1 });
      const opened = domainEvent<DossierEvent>(first);
      return opened.type === 'DossierOpened' ? opened.data.commune.provinceCode : null;
    } catch (e) {
      if (e instanceof StreamNotFoundError) return null;
      throw e;
    }
  }
}

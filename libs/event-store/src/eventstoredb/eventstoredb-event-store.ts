import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  START as ESDB_START,
  StreamNotFoundError as EsdbStreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type JSONType,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { StreamNotFoundError } from '../errors';
import {
  START,
  type AllSlice,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionOptions,
  type Upcaster,
} from '../port';
import { LiveSubscriptions, SubscriptionProgress } from '../subscription-progress';
import { UpcasterChain } from '../upcasting';
import { prepareAppend, readAllOptions, readStreamOptions, type PreparedEvent } from '../validation';
import {
  decodePosition,
  encodePosition,
  positionOfEvent,
  revisionOf,
  toConflict,
  toExpectedRevision,
  versionOf,
} from './mapping';

export interface EventStoreDbEventStoreOptions {
  /** e.g. esdb://127.0.0.1:2113?tls=false */
  readonly connectionString: string;
  readonly upcasters?: readonly Upcaster[];
}

const DEFAULT_BATCH_SIZE = 1000;
/** How many $all events one readAll round trip asks for while skipping filtered-out ones. */
const SCAN_PAGE = 500;

const isSystem = (event: EsdbRecordedEvent): boolean =>
  event.type.startsWith('$') || event.streamId.startsWith('$');

const matches = (event: EsdbRecordedEvent, prefixes: readonly string[] | undefined): boolean =>
  !isSystem(event) && (!prefixes || prefixes.some((prefix) => event.streamId.startsWith(prefix)));

const toEventData = (event: PreparedEvent) =>
  jsonEvent({
    id: event.eventId,
    type: event.type,
    // Already checked and cleaned: the client's JSON.stringify gives exactly `dataJson`.
    data: event.data as JSONType,
    metadata: { ...event.metadata, schemaVersion: event.schemaVersion },
  });

class EsdbEventStore implements EventStore {
  private readonly upcasting: UpcasterChain;
  private readonly subscriptions = new LiveSubscriptions();

  constructor(
    private readonly client: EventStoreDBClient,
    upcasters: readonly Upcaster[],
  ) {
    this.upcasting = new UpcasterChain(upcasters);
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, options);
    const expected = prepared.expectedVersion;
    const ids = prepared.events.map((e) => e.eventId);
    // ESDB acknowledges an identical retry as a success without saying nothing was written: look first.
    const stored = await this.findStored(streamId, expected, ids);
    if (stored) return stored;
    let version: number;
    try {
      const result = await this.client.appendToStream(streamId, prepared.events.map(toEventData), {
        expectedRevision: toExpectedRevision(expected),
      });
      version = versionOf(result.nextExpectedRevision);
    } catch (error) {
      // A concurrent identical retry may have won the race since the look above: still no conflict.
      const raced =
        error instanceof WrongExpectedVersionError && (await this.findStored(streamId, expected, ids));
      if (raced) return raced;
      throw toConflict(error, streamId, expected);
    }
    // The append's reply names the write's log position, which need not be the one readers of $all
    // see on its last event; waitFor() compares against those, so read it back.
    return {
      nextExpectedVersion: version,
      position: await this.positionOf(streamId, version),
      written: true,
    };
  }

  /** The same ids already stored where this append would have put them: the result of that append. */
  private async findStored(
    streamId: string,
    expected: ExpectedVersion,
    ids: readonly string[],
  ): Promise<AppendResult | null> {
    const atExpected = typeof expected === 'number' || expected === 'no-stream';
    const candidates = atExpected
      ? await this.readRaw(streamId, FORWARDS, BigInt(expected === 'no-stream' ? 0 : expected), ids.length)
      : (await this.readRaw(streamId, BACKWARDS, END, ids.length)).reverse();
    if (candidates.length !== ids.length || candidates.some((event, i) => event.id !== ids[i])) return null;
    const last = candidates[candidates.length - 1];
    return {
      nextExpectedVersion: versionOf(last.revision),
      position: positionOfEvent(last),
      written: false,
    };
  }

  private async positionOf(streamId: string, version: number): Promise<Position> {
    const [event] = await this.readRaw(streamId, FORWARDS, revisionOf(version), 1);
    if (!event) throw new Error(`EventStoreDB lost event ${version} of ${streamId} right after appending it`);
    return positionOfEvent(event);
  }

  /** Raw stream read; a missing stream reads as empty. */
  private async readRaw(
    streamId: string,
    direction: typeof FORWARDS | typeof BACKWARDS,
    fromRevision: bigint | typeof ESDB_START | typeof END,
    maxCount?: number,
  ): Promise<EsdbRecordedEvent[]> {
    const events: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction, fromRevision, maxCount })) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof EsdbStreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const { direction, fromVersion, maxCount } = readStreamOptions(options);
    const forwards = direction === 'forwards';
    const fromRevision = fromVersion !== undefined ? revisionOf(fromVersion) : forwards ? ESDB_START : END;
    const events: RecordedEvent[] = [];
    try {
      const reader = this.client.readStream(streamId, {
        direction: forwards ? FORWARDS : BACKWARDS,
        fromRevision,
        maxCount,
      });
      for await (const resolved of reader) {
        if (resolved.event) events.push(this.toRecorded(resolved.event));
      }
    } catch (error) {
      if (error instanceof EsdbStreamNotFoundError) throw new StreamNotFoundError(streamId);
      throw error;
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number | null> {
    const [last] = await this.readRaw(streamId, BACKWARDS, END, 1);
    return last ? versionOf(last.revision) : null;
  }

  /** $all has no server-side filter on reads in this client: scan pages and keep user events of the prefixes. */
  async readAll(options?: ReadAllOptions): Promise<AllSlice> {
    const { after, maxCount, streamPrefixes } = readAllOptions(options, DEFAULT_BATCH_SIZE);
    const events: RecordedEvent[] = [];
    let cursor = after;
    for (;;) {
      let scanned = 0;
      // A read from a position includes the event at it; `after` is exclusive, hence the comparison.
      for await (const resolved of this.client.readAll({
        fromPosition: decodePosition(cursor),
        maxCount: SCAN_PAGE,
        direction: FORWARDS,
      })) {
        scanned += 1;
        const event = resolved.event as AllStreamRecordedEvent | undefined;
        if (!event) continue;
        const position = encodePosition(event.position);
        if (position <= cursor) continue;
        cursor = position;
        if (!matches(event, streamPrefixes)) continue;
        events.push(this.toRecorded(event));
        if (events.length === maxCount) return { events, position, isEnd: false };
      }
      if (scanned < SCAN_PAGE) return { events, position: cursor, isEnd: true };
    }
  }

  /** A read of $all sees every acknowledged write: nothing is committed that readers cannot see. */
  committedPosition(): Promise<Position> {
    return this.headPosition();
  }

  async headPosition(): Promise<Position> {
    let from: ReadPosition = END;
    for (;;) {
      let scanned = 0;
      // Typed here: `from` is reassigned from the page, which would make the loop's inference circular.
      const page: AsyncIterable<AllStreamResolvedEvent> = this.client.readAll({
        fromPosition: from,
        maxCount: SCAN_PAGE,
        direction: BACKWARDS,
      });
      for await (const resolved of page) {
        scanned += 1;
        const event = resolved.event;
        if (!event) continue;
        if (!isSystem(event)) return encodePosition(event.position);
        from = event.position;
      }
      if (scanned < SCAN_PAGE) return START;
    }
  }

  subscribe(options: SubscriptionOptions): Subscription {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const after = options.after ?? START;
    const progress = new SubscriptionProgress(after);
    const prefixes = options.streamPrefixes?.length ? [...options.streamPrefixes] : undefined;
    let batch: RecordedEvent[] = [];
    let delivered = after;
    // How far the server has looked, past events neither side delivers (its filter's checkpoints, and
    // system events in user-named streams). Once nothing before it waits to be handled, waitFor() may
    // pass it, as it does on the polling adapter.
    let passed = after;
    const pass = (position: Position, source: AllStreamSubscription) => {
      if (position > passed) passed = position;
      if (batch.length === 0 && source.readableLength === 0) progress.advance(passed);
    };
    const checkpointReached = (source: AllStreamSubscription, position: EsdbPosition) =>
      pass(encodePosition(position), source);
    const source = this.client.subscribeToAll(
      {
        fromPosition: decodePosition(after),
        filter: prefixes
          ? streamNameFilter({ prefixes, checkpointReached })
          : excludeSystemEvents({ checkpointReached }),
      },
      // Lets events pile up while a batch is handled, so the next batch can take them all at once.
      { highWaterMark: batchSize },
    );
    let stopped = false;

    const consume = async () => {
      for await (const resolved of source) {
        const event = resolved.event as AllStreamRecordedEvent | undefined;
        const position = event && encodePosition(event.position);
        // The server starts after `fromPosition`; the comparison keeps a resubscription from repeating one.
        if (event && position && position > delivered) {
          if (matches(event, prefixes)) {
            batch.push(this.toRecorded(event));
            delivered = position;
          } else pass(position, source);
        }
        if (batch.length > 0 && (batch.length >= batchSize || source.readableLength === 0)) {
          const last = batch[batch.length - 1].position;
          await options.handle(batch, last);
          batch = [];
          progress.advance(last);
          pass(last, source);
        }
        if (stopped) return;
      }
      if (!stopped) throw new Error('EventStoreDB ended the subscription');
    };
    const finished = consume()
      .then(
        () => progress.finish(),
        // Unsubscribing may end the iteration with a premature-close error: a stop, not a failure.
        (error: Error) => progress.finish(stopped ? undefined : error),
      )
      .finally(() => source.unsubscribe().catch(() => undefined));

    return this.subscriptions.open(progress, async () => {
      stopped = true;
      await source.unsubscribe().catch(() => undefined);
      source.destroy();
      await finished;
    });
  }

  async close(): Promise<void> {
    await this.subscriptions.stopAll();
    await this.client.dispose();
  }

  private toRecorded(event: EsdbRecordedEvent): RecordedEvent {
    const stored =
      event.metadata && !(event.metadata instanceof Uint8Array) && typeof event.metadata === 'object'
        ? (event.metadata as Record<string, unknown>)
        : {};
    const { schemaVersion, ...metadata } = stored;
    return this.upcasting.toRecorded({
      eventId: event.id,
      type: event.type,
      streamId: event.streamId,
      streamVersion: versionOf(event.revision),
      position: positionOfEvent(event),
      recordedAt: event.created,
      schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
      data: event.data,
      metadata,
    });
  }
}

/** An EventStoreDB-backed store. The client connects lazily; the first call reports an unreachable server. */
export const createEventStoreDbEventStore = async (
  options: EventStoreDbEventStoreOptions,
): Promise<EventStore> =>
  new EsdbEventStore(EventStoreDBClient.connectionString(options.connectionString), options.upcasters ?? []);

import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  StreamNotFoundError as EsdbStreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamRecordedEvent,
  type AppendExpectedRevision,
  type JSONType,
  type Position as EsdbPosition,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { StreamConflictError, StreamNotFoundError } from '../errors';
import { decodePair, encodePair } from '../position-codec';
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

export interface EventStoreDbEventStoreOptions {
  /** e.g. esdb://127.0.0.1:2113?tls=false */
  readonly connectionString: string;
  readonly upcasters?: readonly Upcaster[];
}

const DEFAULT_BATCH_SIZE = 1000;
/** How many $all events one readAll round trip asks for while skipping filtered-out ones. */
const SCAN_PAGE = 500;

// ESDB revisions are 0-based event numbers; the port's versions count events (1-based).
const toRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  if (expected === 'any') return ANY;
  if (expected === 'stream-exists') return STREAM_EXISTS;
  if (expected === 'no-stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
};

const encodePosition = (position: EsdbPosition): Position => encodePair(position.commit, position.prepare);

const decodePosition = (position: Position): ReadPosition => {
  if (position === START) return ESDB_START;
  const [commit, prepare] = decodePair(position);
  return { commit, prepare };
};

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
    try {
      const result = await this.client.appendToStream(streamId, prepared.events.map(toEventData), {
        expectedRevision: toRevision(expected),
      });
      const version = Number(result.nextExpectedRevision) + 1;
      // The append's reply names the write's log position, which need not be the one readers of $all
      // see on its last event; waitFor() compares against those, so read it back.
      return {
        nextExpectedVersion: version,
        position: await this.positionOf(streamId, version),
        written: true,
      };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? null : Number(error.actualVersion) + 1;
        throw new StreamConflictError(streamId, expected, actual);
      }
      throw error;
    }
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
      nextExpectedVersion: Number(last.revision) + 1,
      position: last.position ? encodePosition(last.position) : START,
      written: false,
    };
  }

  private async positionOf(streamId: string, version: number): Promise<Position> {
    const [event] = await this.readRaw(streamId, FORWARDS, BigInt(version - 1), 1);
    return event?.position ? encodePosition(event.position) : START;
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
    const fromRevision = fromVersion !== undefined ? BigInt(fromVersion - 1) : forwards ? ESDB_START : END;
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
    return last ? Number(last.revision) + 1 : null;
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

  async headPosition(): Promise<Position> {
    let from: ReadPosition = END;
    for (;;) {
      let scanned = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: SCAN_PAGE,
        direction: BACKWARDS,
      })) {
        scanned += 1;
        const event = resolved.event as AllStreamRecordedEvent | undefined;
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
    const source = this.client.subscribeToAll(
      {
        fromPosition: decodePosition(after),
        filter: prefixes ? streamNameFilter({ prefixes }) : excludeSystemEvents(),
      },
      // Lets events pile up while a batch is handled, so the next batch can take them all at once.
      { highWaterMark: batchSize },
    );
    let stopped = false;

    const consume = async () => {
      let batch: RecordedEvent[] = [];
      for await (const resolved of source) {
        const event = resolved.event as AllStreamRecordedEvent | undefined;
        // The server starts after `fromPosition`; the comparison keeps a resubscription from repeating one.
        if (event && matches(event, prefixes) && encodePosition(event.position) > progress.position) {
          batch.push(this.toRecorded(event));
        }
        if (batch.length > 0 && (batch.length >= batchSize || source.readableLength === 0)) {
          const position = batch[batch.length - 1].position;
          await options.handle(batch, position);
          progress.advance(position);
          batch = [];
        }
        if (stopped) return;
      }
    };
    const finished = consume()
      .then(
        () => progress.finish(),
        // Unsubscribing ends the iteration with a premature-close error: a stop, not a failure.
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
      streamVersion: Number(event.revision) + 1,
      position: event.position ? encodePosition(event.position) : START,
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

/**
 * The event store port. Domain code and the apps depend on this file only; the adapters
 * (PostgreSQL, EventStoreDB) implement it and pass the same conformance suite.
 */

/** Who did it, when they asked, and why: stamped on every event. */
export interface EventMetadata {
  readonly actor: string;
  readonly role: string;
  readonly correlationId: string;
  readonly causationId: string;
  /** Shape version of `data` for this event type; upcasters raise old shapes on read. */
  readonly schemaVersion?: number;
  /** Free-form extras (idempotency key, client ip, reason text...). */
  readonly [key: string]: unknown;
}

/** An event as a writer hands it to the store. */
export interface EventToAppend<Type extends string = string, Data = unknown> {
  /** UUID. Appending an id that is already stored is a no-op, so retries are safe. */
  readonly eventId: string;
  readonly type: Type;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

/** An event as the store gives it back. */
export interface RecordedEvent<Type extends string = string, Data = unknown> extends EventToAppend<
  Type,
  Data
> {
  readonly streamId: string;
  /** 1-based position of the event in its stream (the stream's version after it). */
  readonly streamVersion: number;
  /**
   * Opaque position in the all-stream. Strings from one adapter compare correctly with `<`/`>`
   * (fixed-width encoding), so `comparePositions` is plain string comparison.
   */
  readonly position: Position;
  readonly recordedAt: Date;
}

/** Opaque, fixed-width, lexicographically ordered position in the all-stream. */
export type Position = string;
/** Before the first event. Every real position compares greater. */
export const START: Position = '';

export const comparePositions = (a: Position, b: Position): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `no-stream`: the stream must not exist; `stream-exists`: it must; `any`: no check; n: its version must be n
 * (0 is the version of a stream with no events yet, so 0 means the same as `no-stream`).
 */
export type ExpectedVersion = 'no-stream' | 'stream-exists' | 'any' | number;

export interface AppendOptions {
  readonly expectedVersion: ExpectedVersion;
}

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextExpectedVersion: number;
  /** Position of the last event written (or already stored, for an idempotent retry). */
  readonly position: Position;
  /** False when every event id was already stored: nothing was written. */
  readonly written: boolean;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Stream version to start at (inclusive). Forwards default 1; backwards default the last. */
  readonly fromVersion?: number;
  readonly direction?: Direction;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. */
  readonly after?: Position;
  readonly maxCount?: number;
  /** Only streams whose id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
}

export interface AllSlice {
  readonly events: RecordedEvent[];
  /** Where the next read continues from (advances past filtered-out events too). */
  readonly position: Position;
  readonly isEnd: boolean;
}

export interface SubscriptionOptions extends ReadAllOptions {
  /** Called with each batch in order; the subscription waits for it before reading on. */
  readonly handle: (events: RecordedEvent[], position: Position) => Promise<void>;
  readonly batchSize?: number;
  /** Poll interval when caught up, for adapters that poll. */
  readonly idleMs?: number;
}

export interface Subscription {
  /** Resolves once the subscription has delivered everything up to `position` (inclusive). */
  waitFor(position: Position): Promise<void>;
  /** The last position handled. */
  readonly position: Position;
  stop(): Promise<void>;
  /** Resolves when the subscription stops; rejects if the handler's error stopped it. */
  readonly done: Promise<void>;
}

/** Raise an old stored shape to the current one. Registered per event type. */
export interface Upcaster {
  readonly eventType: string;
  /** The schema version this upcaster reads; it returns version `fromVersion + 1`. */
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

export interface EventStore {
  append(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult>;
  /** Throws StreamNotFoundError when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The stream's current version, or null when it does not exist. */
  streamVersion(streamId: string): Promise<number | null>;
  readAll(options?: ReadAllOptions): Promise<AllSlice>;
  /** The position of the newest event readers can see. */
  headPosition(): Promise<Position>;
  /**
   * The position of the newest event written, which readers may not see yet (a transaction begun before it is
   * still running): what a read model must reach to show every write already acknowledged. Not a place to start
   * reading from: an event below it may still be committed.
   */
  committedPosition(): Promise<Position>;
  subscribe(options: SubscriptionOptions): Subscription;
  close(): Promise<void>;
}

/** Largest serialised event (data + metadata) the store accepts. */
export const MAX_EVENT_BYTES = 1024 * 1024;

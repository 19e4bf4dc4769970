/** Typed errors of the event store port; adapters map their own failures onto these. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class StreamConflictError extends EventStoreError {
  readonly code = 'STREAM_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: string | number,
    readonly actualVersion: number | null,
  ) {
    super(
      `Stream ${streamId}: expected version ${expectedVersion}, actual ${actualVersion === null ? 'no stream' : actualVersion}`,
    );
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`Stream ${streamId} not found`);
  }
}

/** Bad input to the store: empty stream id, unknown expected-version form, unserialisable or oversized data. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

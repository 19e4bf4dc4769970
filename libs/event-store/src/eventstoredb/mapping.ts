import {
  ANY,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type CurrentRevision,
  type Position as EsdbPosition,
  type ReadPosition,
} from '@eventstore/db-client';
import { StreamConflictError } from '../errors';
import { decodePair, encodePair } from '../position-codec';
import { START, type ExpectedVersion, type Position } from '../port';

// ESDB revisions number events from 0; the port's versions count them (version = revision + 1).

export const toExpectedRevision = (expected: ExpectedVersion): AppendExpectedRevision => {
  if (expected === 'any') return ANY;
  if (expected === 'stream-exists') return STREAM_EXISTS;
  if (expected === 'no-stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
};

export const versionOf = (revision: bigint): number => Number(revision) + 1;

/** The revision of the event at `version` (1-based). */
export const revisionOf = (version: number): bigint => BigInt(version - 1);

/** The client reports a missing stream as "no_stream", or as -1 when it builds the error from gRPC metadata. */
export const currentVersion = (current: CurrentRevision): number | null =>
  current === NO_STREAM || current < 0n ? null : versionOf(current);

/** A WrongExpectedVersionError as the port's conflict; any other error is returned untouched. */
export const toConflict = (error: unknown, streamId: string, expected: ExpectedVersion): unknown =>
  error instanceof WrongExpectedVersionError
    ? new StreamConflictError(streamId, expected, currentVersion(error.actualVersion))
    : error;

export const encodePosition = (position: EsdbPosition): Position =>
  encodePair(position.commit, position.prepare);

/** What servers before 22.6 put in place of the $all position on stream reads. */
const NO_POSITION = 2n ** 64n - 1n;

/** The $all position of a read event; refuses to make one up when the server did not send it. */
export const positionOfEvent = (event: {
  readonly id: string;
  readonly streamId: string;
  readonly position?: EsdbPosition;
}): Position => {
  if (!event.position || event.position.commit === NO_POSITION) {
    throw new Error(
      `EventStoreDB sent no $all position for event ${event.id} of ${event.streamId}: the adapter needs server 22.6 or later`,
    );
  }
  return encodePosition(event.position);
};

export const decodePosition = (position: Position): ReadPosition => {
  if (position === START) return ESDB_START;
  const [commit, prepare] = decodePair(position);
  return { commit, prepare };
};

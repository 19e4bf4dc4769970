import {
  ANY,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamConflictError } from '../errors';
import { START } from '../port';
import {
  currentVersion,
  decodePosition,
  encodePosition,
  positionOfEvent,
  revisionOf,
  toConflict,
  toExpectedRevision,
  versionOf,
} from './mapping';

describe('EventStoreDB mapping', () => {
  it('maps the port expected versions onto 0-based expected revisions', () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('stream-exists')).toBe(STREAM_EXISTS);
    expect(toExpectedRevision('no-stream')).toBe(NO_STREAM);
    expect(toExpectedRevision(0)).toBe(NO_STREAM);
    expect(toExpectedRevision(1)).toBe(0n);
    expect(toExpectedRevision(50)).toBe(49n);
  });

  it('turns revisions into 1-based versions and back', () => {
    expect(versionOf(0n)).toBe(1);
    expect(versionOf(9n)).toBe(10);
    expect(revisionOf(1)).toBe(0n);
    expect(revisionOf(4)).toBe(3n);
    expect(versionOf(revisionOf(123))).toBe(123);
  });

  it('reads a missing stream in both forms the client reports it', () => {
    expect(currentVersion(NO_STREAM)).toBeNull();
    expect(currentVersion(-1n)).toBeNull();
    expect(currentVersion(0n)).toBe(1);
    expect(currentVersion(1n)).toBe(2);
  });

  it('turns a wrong-expected-version error into a conflict naming stream, expected and actual version', () => {
    const wrong = (current: bigint | typeof NO_STREAM) =>
      new WrongExpectedVersionError(undefined, { streamName: 'dossier-1', expected: 2n, current });

    const conflict = toConflict(wrong(1n), 'dossier-1', 3);
    expect(conflict).toBeInstanceOf(StreamConflictError);
    expect(conflict).toMatchObject({ streamId: 'dossier-1', expectedVersion: 3, actualVersion: 2 });
    expect(toConflict(wrong(NO_STREAM), 'dossier-1', 'stream-exists')).toMatchObject({
      expectedVersion: 'stream-exists',
      actualVersion: null,
    });
  });

  it('passes any other error through untouched', () => {
    const other = new Error('unavailable');
    expect(toConflict(other, 'dossier-1', 'any')).toBe(other);
  });

  it('encodes positions so string order is $all order, and decodes them back', () => {
    const positions = [
      { commit: 0n, prepare: 0n },
      { commit: 9n, prepare: 9n },
      { commit: 10n, prepare: 2n },
      { commit: 10n, prepare: 10n },
      { commit: 2n ** 63n, prepare: 1n },
      { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
    ];
    const encoded = positions.map(encodePosition);
    expect([...encoded].sort()).toEqual(encoded);
    expect(encoded.every((p) => p > START)).toBe(true);
    expect(encoded.map(decodePosition)).toEqual(positions);
  });

  it('takes the $all position of a read event, and refuses one the server did not send', () => {
    const event = { id: 'e1', streamId: 'dossier-1' };
    expect(positionOfEvent({ ...event, position: { commit: 7n, prepare: 5n } })).toBe(
      encodePosition({ commit: 7n, prepare: 5n }),
    );
    expect(() => positionOfEvent(event)).toThrow('22.6');
    // Servers before 22.6 fill stream reads with ulong max instead of the position.
    expect(() =>
      positionOfEvent({ ...event, position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } }),
    ).toThrow('dossier-1');
  });

  it('decodes START as the start of $all and refuses a foreign string', () => {
    expect(decodePosition(START)).toBe(ESDB_START);
    expect(() => decodePosition('42')).toThrow(RangeError);
  });
});

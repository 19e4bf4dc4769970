import { createEventStore } from '../src/factory';
import { decodePair, encodePair } from '../src/position-codec';
import { START } from '../src/port';
import { UpcasterChain } from '../src/upcasting';
import { prepareAppend } from '../src/validation';

describe('positions', () => {
  it('orders as strings exactly as the (major, minor) pairs order as numbers', () => {
    const pairs: [bigint, bigint][] = [
      [9n, 10n],
      [10n, 2n],
      [10n, 11n],
      [18446744073709551615n, 1n],
      [2n, 9223372036854775807n],
    ];
    const byNumber = [...pairs].sort(([a1, b1], [a2, b2]) =>
      a1 === a2 ? Number(b1 - b2) : a1 < a2 ? -1 : 1,
    );
    const byString = pairs.map(([a, b]) => encodePair(a, b)).sort();
    expect(byString).toEqual(byNumber.map(([a, b]) => encodePair(a, b)));
    expect(byString.every((p) => p > START)).toBe(true);
    expect(decodePair(encodePair(7n, 8n))).toEqual([7n, 8n]);
    expect(() => decodePair('12-34')).toThrow(RangeError);
  });
});

describe('upcaster chain', () => {
  it('refuses two upcasters for one step and a gap in the chain', () => {
    const step = (fromVersion: number) => ({ eventType: 'A', fromVersion, upcast: (d: unknown) => d });
    expect(() => new UpcasterChain([step(1), step(1)])).toThrow('Two upcasters for A from version 1');
    expect(() => new UpcasterChain([step(1), step(3)])).toThrow('skip from version 1 to 3');
    expect(new UpcasterChain([step(2), step(3)]).apply('A', 2, { x: 1 })).toEqual({
      data: { x: 1 },
      schemaVersion: 4,
    });
  });
});

describe('createEventStore', () => {
  it('refuses an unknown kind and an eventstoredb without URL', async () => {
    await expect(createEventStore({ kind: 'mongo' as never })).rejects.toThrow('kind must be one of');
    await expect(createEventStore({ kind: 'eventstoredb' })).rejects.toThrow('needs its URL');
  });
});

describe('prepareAppend', () => {
  const metadata = { actor: 'a', role: 'r', correlationId: 'c', causationId: 'c' };
  const eventId = '6f1c2a9e-8d4b-4c1e-9a7f-2b3c4d5e6f70';

  it('serialises what JSON keeps: Dates through toJSON, undefined properties dropped', () => {
    const when = new Date('2025-06-30T00:00:00.000Z');
    const { events } = prepareAppend(
      's',
      [{ eventId, type: 'T', data: { when, gone: undefined, n: [1, 'hai'] }, metadata }],
      {
        expectedVersion: 'no-stream',
      },
    );
    expect(events[0].dataJson).toBe('{"when":"2025-06-30T00:00:00.000Z","n":[1,"hai"]}');
    expect(events[0].metadataJson).toBe(JSON.stringify(metadata));
    expect(events[0].schemaVersion).toBe(1);
  });

  it('names the field of what JSON would silently change', () => {
    const attempt = (data: unknown) => () =>
      prepareAppend('s', [{ eventId, type: 'T', data, metadata }], { expectedVersion: 'no-stream' });
    expect(attempt({ list: [1, undefined] })).toThrow(
      expect.objectContaining({ field: 'events[0].data.list[1]' }),
    );
    expect(attempt({ s: new Set([1]) })).toThrow(expect.objectContaining({ field: 'events[0].data.s' }));
    expect(attempt({ t: 'a\uD800b' })).toThrow(expect.objectContaining({ field: 'events[0].data.t' }));
    expect(attempt({ sym: Symbol('x') })).toThrow(expect.objectContaining({ field: 'events[0].data.sym' }));
  });
});

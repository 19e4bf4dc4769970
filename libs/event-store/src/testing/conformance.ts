import { randomUUID } from 'node:crypto';
import { InvalidAppendError, StreamConflictError, StreamNotFoundError } from '../errors';
import {
  MAX_EVENT_BYTES,
  START,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type Position,
  type RecordedEvent,
  type Upcaster,
} from '../port';

/** Opens a store over the storage under test; every call sees the same data. */
export type OpenEventStore = (upcasters?: readonly Upcaster[]) => Promise<EventStore>;

export const VIETNAMESE_TITLE =
  'Xã Nông Thượng đạt chuẩn nông thôn mới nâng cao — Quyết định số 1234/QĐ-UBND';

export const testEvent = (
  type = 'TestHappened',
  data: unknown = { n: 1 },
  schemaVersion?: number,
): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    actor: 'user-1',
    role: 'commune-officer',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    ...(schemaVersion === undefined ? {} : { schemaVersion }),
  },
});

const expectConflict = async (
  attempt: Promise<unknown>,
  streamId: string,
  expectedVersion: ExpectedVersion,
  actualVersion: number | null,
) => {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StreamConflictError);
  expect(error).toMatchObject({ code: 'STREAM_CONFLICT', streamId, expectedVersion, actualVersion });
};

const ids = (events: readonly { eventId: string }[]) => events.map((e) => e.eventId);

/**
 * Resolves with the head once readers can see `position`. Any transaction still open in the database
 * cluster, even another test's, holds readers back (by design: nothing committed later is passed).
 */
export const untilVisible = async (
  store: EventStore,
  position: Position,
  timeoutMs = 20_000,
): Promise<Position> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const head = await store.headPosition();
    if (head >= position) return head;
    if (Date.now() > deadline)
      throw new Error(`Position ${position} still not visible after ${timeoutMs} ms (head ${head})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/**
 * The contract every EventStore adapter must keep. Call inside a describe block; `open` is called in
 * beforeAll (and again for the upcasting and resume cases). Streams are named under a fresh prefix per
 * run, so the suite can share storage with other runs.
 */
export const eventStoreConformance = (open: OpenEventStore): void => {
  const run = `conf${randomUUID().slice(0, 8)}`;
  let store: EventStore;
  const opened: EventStore[] = [];
  const openTracked = async (upcasters?: readonly Upcaster[]) => {
    const s = await open(upcasters);
    opened.push(s);
    return s;
  };
  const stream = (name: string) => `${run}-${name}-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    store = await openTracked();
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  describe('append and expected versions', () => {
    it('creates a new stream with no-stream and reads it back whole', async () => {
      const id = stream('new');
      const events = [testEvent('Opened', { a: 1 }), testEvent('Renamed', { b: [true, null, 'x'] })];
      const result = await store.append(id, events, { expectedVersion: 'no-stream' });

      expect(result).toMatchObject({ nextExpectedVersion: 2, written: true });
      const read = await store.readStream(id);
      expect(ids(read)).toEqual(ids(events));
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2]);
      expect(read.map((e) => e.type)).toEqual(['Opened', 'Renamed']);
      expect(read[1].data).toEqual({ b: [true, null, 'x'] });
      expect(read[0].metadata).toEqual({ ...events[0].metadata, schemaVersion: 1 });
      expect(read.every((e) => e.streamId === id && e.recordedAt instanceof Date)).toBe(true);
      expect(read[0].position < read[1].position).toBe(true);
      expect(read[1].position).toBe(result.position);
      expect(await store.streamVersion(id)).toBe(2);
    });

    it('raises a typed conflict naming stream, expected and actual version, and writes nothing', async () => {
      const id = stream('conflict');
      await store.append(id, [testEvent(), testEvent()], { expectedVersion: 'no-stream' });

      await expectConflict(
        store.append(id, [testEvent()], { expectedVersion: 'no-stream' }),
        id,
        'no-stream',
        2,
      );
      await expectConflict(store.append(id, [testEvent()], { expectedVersion: 1 }), id, 1, 2);
      await expectConflict(store.append(id, [testEvent()], { expectedVersion: 3 }), id, 3, 2);
      const missing = stream('missing');
      await expectConflict(
        store.append(missing, [testEvent()], { expectedVersion: 'stream-exists' }),
        missing,
        'stream-exists',
        null,
      );
      await expectConflict(store.append(missing, [testEvent()], { expectedVersion: 4 }), missing, 4, null);

      expect(await store.streamVersion(id)).toBe(2);
      expect(await store.streamVersion(missing)).toBeNull();
    });

    it("accepts 'any', 'stream-exists' and the exact version", async () => {
      const id = stream('forms');
      expect((await store.append(id, [testEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(1);
      expect(
        (await store.append(id, [testEvent()], { expectedVersion: 'stream-exists' })).nextExpectedVersion,
      ).toBe(2);
      expect((await store.append(id, [testEvent()], { expectedVersion: 2 })).nextExpectedVersion).toBe(3);
      expect((await store.append(id, [testEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(4);
      expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
    });

    it('lets exactly one of 50 concurrent writers win each version', async () => {
      const id = stream('race');
      const create = await Promise.allSettled(
        Array.from({ length: 50 }, () => store.append(id, [testEvent()], { expectedVersion: 'no-stream' })),
      );
      expect(create.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of create.filter((r) => r.status === 'rejected')) {
        expect(r.reason).toBeInstanceOf(StreamConflictError);
        expect(r.reason).toMatchObject({ expectedVersion: 'no-stream', actualVersion: 1 });
      }

      const next = await Promise.allSettled(
        Array.from({ length: 50 }, () => store.append(id, [testEvent()], { expectedVersion: 1 })),
      );
      expect(next.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of next.filter((r) => r.status === 'rejected')) {
        expect(r.reason).toMatchObject({ code: 'STREAM_CONFLICT', expectedVersion: 1, actualVersion: 2 });
      }
      expect(await store.streamVersion(id)).toBe(2);
    });

    it('gives 50 writers that retry on conflict versions 1..50, no event lost or duplicated', async () => {
      const id = stream('retry');
      const events = Array.from({ length: 50 }, (_, i) => testEvent('Counted', { writer: i }));
      const write = async (event: EventToAppend): Promise<AppendResult> => {
        for (;;) {
          const version = (await store.streamVersion(id)) ?? 0;
          try {
            return await store.append(id, [event], { expectedVersion: version });
          } catch (error) {
            if (!(error instanceof StreamConflictError)) throw error;
          }
        }
      };
      const results = await Promise.all(events.map(write));

      expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const read = await store.readStream(id);
      expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(new Set(ids(read))).toEqual(new Set(ids(events)));
      expect(read).toHaveLength(50);
    });
  });

  describe('idempotent appends by event id', () => {
    it('stores one copy when the same call is made twice; the second reports written=false', async () => {
      const id = stream('idem');
      const events = [testEvent(), testEvent()];
      const first = await store.append(id, events, { expectedVersion: 'no-stream' });
      const second = await store.append(id, events, { expectedVersion: 'no-stream' });

      expect(first.written).toBe(true);
      expect(second).toEqual({ ...first, written: false });
      expect(ids(await store.readStream(id))).toEqual(ids(events));
    });

    it('still recognises the retry after the stream moved on', async () => {
      const id = stream('idem-later');
      const events = [testEvent()];
      const first = await store.append(id, events, { expectedVersion: 'no-stream' });
      await store.append(id, [testEvent()], { expectedVersion: 1 });

      const retry = await store.append(id, events, { expectedVersion: 'no-stream' });
      expect(retry).toEqual({ ...first, written: false });
      expect(await store.streamVersion(id)).toBe(2);
    });

    it('refuses an append where only some ids are already stored', async () => {
      const id = stream('idem-partial');
      const stored = testEvent();
      await store.append(id, [stored], { expectedVersion: 'no-stream' });

      const fresh = testEvent();
      await expect(
        store.append(id, [stored, fresh], { expectedVersion: 'no-stream' }),
      ).rejects.toBeInstanceOf(StreamConflictError);
      expect(ids(await store.readStream(id))).toEqual([stored.eventId]);
    });

    it('lets concurrent identical retries all succeed with one copy stored', async () => {
      const id = stream('idem-race');
      const events = [testEvent(), testEvent()];
      const results = await Promise.all(
        Array.from({ length: 10 }, () => store.append(id, events, { expectedVersion: 'no-stream' })),
      );

      expect(results.some((r) => r.written)).toBe(true);
      expect(new Set(results.map((r) => r.nextExpectedVersion))).toEqual(new Set([2]));
      expect(ids(await store.readStream(id))).toEqual(ids(events));
    });
  });

  describe('reading a stream', () => {
    const id = `${run}-reads`;
    const events = Array.from({ length: 10 }, (_, i) => testEvent('Step', { i }));
    beforeAll(async () => {
      await store.append(id, events, { expectedVersion: 'no-stream' });
    });
    const versions = (read: RecordedEvent[]) => read.map((e) => e.streamVersion);

    it('reads forwards and backwards', async () => {
      expect(versions(await store.readStream(id))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(versions(await store.readStream(id, { direction: 'backwards' }))).toEqual([
        10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
      ]);
    });

    it('reads from a version, with maxCount, both ways', async () => {
      expect(versions(await store.readStream(id, { fromVersion: 4, maxCount: 3 }))).toEqual([4, 5, 6]);
      expect(
        versions(await store.readStream(id, { fromVersion: 4, direction: 'backwards', maxCount: 2 })),
      ).toEqual([4, 3]);
      expect(versions(await store.readStream(id, { direction: 'backwards', maxCount: 1 }))).toEqual([10]);
      expect(await store.readStream(id, { fromVersion: 11 })).toEqual([]);
    });

    it('reports a missing stream', async () => {
      const missing = stream('nowhere');
      await expect(store.readStream(missing)).rejects.toBeInstanceOf(StreamNotFoundError);
      await expect(store.readStream(missing)).rejects.toMatchObject({ streamId: missing });
      expect(await store.streamVersion(missing)).toBeNull();
    });
  });

  describe('reading all streams', () => {
    it('returns events in commit order, filters by stream prefix, and pages without gaps or repeats', async () => {
      const start = await store.headPosition();
      const a = `${run}-all-a-`;
      const b = `${run}-all-b-`;
      const written: EventToAppend[] = [];
      for (let i = 0; i < 7; i += 1) {
        const event = testEvent('Interleaved', { i });
        await store.append(`${i % 2 === 0 ? a : b}${i}`, [event], { expectedVersion: 'no-stream' });
        written.push(event);
      }
      const other = await store.append(`${run}-other-x`, [testEvent()], { expectedVersion: 'no-stream' });
      await untilVisible(store, other.position);

      const both: RecordedEvent[] = [];
      let after: Position = start;
      let pages = 0;
      for (let isEnd = false; !isEnd; pages += 1) {
        const slice = await store.readAll({ after, maxCount: 3, streamPrefixes: [a, b] });
        both.push(...slice.events);
        expect(slice.position >= after).toBe(true);
        ({ position: after, isEnd } = slice);
      }
      expect(ids(both)).toEqual(ids(written));
      expect(pages).toBeGreaterThanOrEqual(3);
      const positions = both.map((e) => e.position);
      expect([...positions].sort()).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);

      const onlyA = await store.readAll({ after: start, streamPrefixes: [a] });
      expect(ids(onlyA.events)).toEqual(ids(written.filter((_, i) => i % 2 === 0)));
      expect(onlyA.isEnd).toBe(true);

      const unfiltered = await store.readAll({ after: start });
      expect(ids(unfiltered.events)).toEqual(expect.arrayContaining([...ids(written)]));
    });

    it('names the newest visible event as head', async () => {
      const before = await store.headPosition();
      const result = await store.append(stream('head'), [testEvent(), testEvent()], {
        expectedVersion: 'no-stream',
      });
      const head = await untilVisible(store, result.position);

      expect(result.position > before).toBe(true);
      expect(head > START).toBe(true);
      const slice = await store.readAll({ after: before });
      expect(slice.events.map((e) => e.position)).toContain(result.position);
      expect(slice.events.every((e) => e.position <= slice.position)).toBe(true);
    });

    it('names an acknowledged append as committed at once, seen by readers or not', async () => {
      const result = await store.append(stream('committed'), [testEvent()], { expectedVersion: 'no-stream' });
      expect((await store.committedPosition()) >= result.position).toBe(true);
    });
  });

  describe('subscriptions', () => {
    it('catches up, goes live, and resumes from a stored checkpoint with nothing missed or repeated', async () => {
      const prefix = `${run}-sub-`;
      const start = await store.headPosition();
      const appendOne = async (n: number) =>
        (await store.append(`${prefix}${n}`, [testEvent('Ticked', { n })], { expectedVersion: 'no-stream' }))
          .position;

      const seen: RecordedEvent[] = [];
      const batchSizes: number[] = [];
      let checkpoint: Position = start;
      const handle = async (events: RecordedEvent[], position: Position) => {
        seen.push(...events);
        batchSizes.push(events.length);
        checkpoint = position;
      };

      let last: Position = START;
      for (let n = 0; n < 5; n += 1) last = await appendOne(n);
      const first = store.subscribe({
        after: start,
        streamPrefixes: [prefix],
        batchSize: 2,
        idleMs: 5,
        handle,
      });
      await first.waitFor(last);
      expect(seen.map((e) => e.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));

      for (let n = 5; n < 8; n += 1) last = await appendOne(n);
      await first.waitFor(last);
      expect(seen).toHaveLength(8);
      await first.stop();
      await expect(first.done).resolves.toBeUndefined();

      for (let n = 8; n < 12; n += 1) last = await appendOne(n);
      const resumedStore = await openTracked();
      const second = resumedStore.subscribe({
        after: checkpoint,
        streamPrefixes: [prefix],
        batchSize: 2,
        idleMs: 5,
        handle,
      });
      await second.waitFor(last);
      await second.stop();

      expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      expect(new Set(ids(seen)).size).toBe(12);
      expect(Math.max(...batchSizes)).toBeLessThanOrEqual(2);
      expect(second.position >= last).toBe(true);
    });

    it('stops and rejects `done` when the handler throws', async () => {
      const prefix = `${run}-subfail-`;
      const start = await store.headPosition();
      await store.append(`${prefix}1`, [testEvent()], { expectedVersion: 'no-stream' });
      const subscription = store.subscribe({
        after: start,
        streamPrefixes: [prefix],
        idleMs: 5,
        handle: async () => {
          throw new Error('projection broke');
        },
      });
      await expect(subscription.done).rejects.toThrow('projection broke');
      expect(subscription.position).toBe(start);
    });
  });

  describe('bad input', () => {
    const cyclic: Record<string, unknown> = { a: {} };
    (cyclic.a as Record<string, unknown>).self = cyclic;
    const withMeta = (drop: string) => {
      const event = testEvent();
      const metadata = { ...event.metadata } as Record<string, unknown>;
      delete metadata[drop];
      return { ...event, metadata } as EventToAppend;
    };
    const cases: [string, string, () => Parameters<EventStore['append']>][] = [
      ['an empty stream id', 'streamId', () => ['', [testEvent()], { expectedVersion: 'no-stream' }]],
      [
        'an unknown expected-version form',
        'expectedVersion',
        () => [stream('bad'), [testEvent()], { expectedVersion: 'latest' as never }],
      ],
      [
        'a negative expected version',
        'expectedVersion',
        () => [stream('bad'), [testEvent()], { expectedVersion: -1 }],
      ],
      ['no events', 'events', () => [stream('bad'), [], { expectedVersion: 'no-stream' }]],
      [
        'a function in data',
        'events[0].data.callback',
        () => [stream('bad'), [testEvent('T', { callback: () => 1 })], { expectedVersion: 'no-stream' }],
      ],
      [
        'a BigInt in data',
        'events[0].data.amount',
        () => [stream('bad'), [testEvent('T', { amount: 10n })], { expectedVersion: 'no-stream' }],
      ],
      [
        'a cycle in data',
        'events[0].data.a.self',
        () => [stream('bad'), [testEvent('T', cyclic)], { expectedVersion: 'no-stream' }],
      ],
      [
        'undefined data',
        'events[0].data',
        () => [stream('bad'), [{ ...testEvent(), data: undefined }], { expectedVersion: 'no-stream' }],
      ],
      [
        'NaN in data',
        'events[0].data.score',
        () => [stream('bad'), [testEvent('T', { score: NaN })], { expectedVersion: 'no-stream' }],
      ],
      [
        'a NUL character in data',
        'events[0].data.s',
        () => [stream('bad'), [testEvent('T', { s: 'a\u0000b' })], { expectedVersion: 'no-stream' }],
      ],
      [
        'a non-serialisable object in metadata',
        'events[0].metadata.extra',
        () => [
          stream('bad'),
          [{ ...testEvent(), metadata: { ...testEvent().metadata, extra: new Map() } }],
          { expectedVersion: 'no-stream' },
        ],
      ],
      [
        'an event over MAX_EVENT_BYTES',
        'events[0]',
        () => [
          stream('bad'),
          [testEvent('T', { blob: 'x'.repeat(MAX_EVENT_BYTES) })],
          { expectedVersion: 'no-stream' },
        ],
      ],
      [
        'a non-uuid event id',
        'events[0].eventId',
        () => [stream('bad'), [{ ...testEvent(), eventId: 'not-a-uuid' }], { expectedVersion: 'no-stream' }],
      ],
      [
        'a repeated event id',
        'events[1].eventId',
        () => {
          const event = testEvent();
          return [stream('bad'), [event, { ...event }], { expectedVersion: 'no-stream' }];
        },
      ],
      [
        'missing metadata.actor',
        'events[0].metadata.actor',
        () => [stream('bad'), [withMeta('actor')], { expectedVersion: 'no-stream' }],
      ],
      [
        'missing metadata.role',
        'events[0].metadata.role',
        () => [stream('bad'), [withMeta('role')], { expectedVersion: 'no-stream' }],
      ],
      [
        'missing metadata.correlationId',
        'events[0].metadata.correlationId',
        () => [stream('bad'), [withMeta('correlationId')], { expectedVersion: 'no-stream' }],
      ],
      [
        'missing metadata.causationId',
        'events[0].metadata.causationId',
        () => [stream('bad'), [withMeta('causationId')], { expectedVersion: 'no-stream' }],
      ],
      [
        'a bad second event (the good first one is not written either)',
        'events[1].eventId',
        () => [
          stream('bad'),
          [testEvent(), { ...testEvent(), eventId: '42' }],
          { expectedVersion: 'no-stream' },
        ],
      ],
    ];

    it.each(cases)('refuses %s, naming %s, and writes nothing', async (_label, field, args) => {
      const [streamId, events, options] = args();
      const error = await store.append(streamId, events, options).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidAppendError);
      expect(error).toMatchObject({ code: 'INVALID_APPEND', field });
      expect((error as Error).message).toContain(field);
      if (streamId !== '') expect(await store.streamVersion(streamId)).toBeNull();
    });
  });

  describe('text and shapes', () => {
    it('round-trips Vietnamese text byte for byte, composed and decomposed', async () => {
      const id = stream('tieng-viet');
      const start = await store.headPosition();
      const composed = VIETNAMESE_TITLE.normalize('NFC');
      const decomposed = VIETNAMESE_TITLE.normalize('NFD');
      const event = testEvent('QuyếtĐịnhBanHành', {
        title: composed,
        nfd: decomposed,
        list: ['Ấp Đông', 'Huyện Củ Chi'],
      });
      const withReason = { ...event, metadata: { ...event.metadata, reason: 'Bổ sung hồ sơ' } };
      const { position } = await store.append(id, [withReason], { expectedVersion: 'no-stream' });
      await untilVisible(store, position);

      const [fromStream] = await store.readStream(id);
      const slice = await store.readAll({ after: start, streamPrefixes: [id] });
      const fromAll = slice.events.find((e) => e.position === position);
      for (const read of [fromStream, fromAll]) {
        const data = read?.data as { title: string; nfd: string; list: string[] };
        expect(Buffer.from(data.title, 'utf8').equals(Buffer.from(composed, 'utf8'))).toBe(true);
        expect(Buffer.from(data.nfd, 'utf8').equals(Buffer.from(decomposed, 'utf8'))).toBe(true);
        expect(data.list).toEqual(['Ấp Đông', 'Huyện Củ Chi']);
        expect(read?.type).toBe('QuyếtĐịnhBanHành');
        expect(Buffer.from(String(read?.metadata.reason)).equals(Buffer.from('Bổ sung hồ sơ'))).toBe(true);
      }
    });

    it('upcasts stored old shapes on every read path, leaving the current shape alone', async () => {
      const id = stream('upcast');
      const start = await store.headPosition();
      const v1 = testEvent('CommuneNamed', { name: 'Nông Thượng' }, 1);
      const v2 = testEvent('CommuneNamed', { communeName: 'Xuất Hóa', level: 'xã' }, 2);
      const v3 = testEvent('CommuneNamed', { commune: { name: 'Dương Quang', level: 'xã' } }, 3);
      await untilVisible(
        store,
        (await store.append(id, [v1, v2, v3], { expectedVersion: 'no-stream' })).position,
      );
      const upcasters: Upcaster[] = [
        {
          eventType: 'CommuneNamed',
          fromVersion: 1,
          upcast: (d) => ({ communeName: (d as { name: string }).name, level: 'xã' }),
        },
        {
          eventType: 'CommuneNamed',
          fromVersion: 2,
          upcast: (d) => {
            const { communeName, level } = d as { communeName: string; level: string };
            return { commune: { name: communeName, level } };
          },
        },
      ];
      const upcasting = await openTracked(upcasters);
      const expected = [
        { commune: { name: 'Nông Thượng', level: 'xã' } },
        { commune: { name: 'Xuất Hóa', level: 'xã' } },
        { commune: { name: 'Dương Quang', level: 'xã' } },
      ];

      const read = await upcasting.readStream(id);
      expect(read.map((e) => e.data)).toEqual(expected);
      expect(read.map((e) => e.metadata.schemaVersion)).toEqual([3, 3, 3]);
      const slice = await upcasting.readAll({ after: start, streamPrefixes: [id] });
      expect(slice.events.map((e) => e.data)).toEqual(expected);

      const delivered: RecordedEvent[] = [];
      const subscription = upcasting.subscribe({
        after: start,
        streamPrefixes: [id],
        idleMs: 5,
        handle: async (events) => {
          delivered.push(...events);
        },
      });
      await subscription.waitFor(read[2].position);
      await subscription.stop();
      expect(delivered.map((e) => e.data)).toEqual(expected);

      // The store itself is untouched: a reader without upcasters still sees what was written.
      const raw = await store.readStream(id);
      expect(raw.map((e) => e.data)).toEqual([v1.data, v2.data, v3.data]);
      expect(raw.map((e) => e.metadata.schemaVersion)).toEqual([1, 2, 3]);
    });
  });
};

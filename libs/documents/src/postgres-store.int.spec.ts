import { PassThrough } from 'node:stream';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { PostgresDocumentStore } from '@ntm/documents';
import { createPostgresEventStore } from '@ntm/event-store';
import { testEvent } from '../../event-store/src/testing';
import { eventually } from '../../../test/support/eventually';
import { testDatabaseUrl } from '../../../test/support/test-database';
import { describeDocumentStore } from './testing/conformance';
import { SAMPLE_PNG } from './testing/samples';

const SCHEMA = 't_documents_pg_store';

const sql = async (text: string) => {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
};

let footprintStore: PostgresDocumentStore;

describeDocumentStore(
  'PostgreSQL',
  async () => {
    await sql(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    footprintStore = new PostgresDocumentStore({
      connectionString: testDatabaseUrl(),
      schema: SCHEMA,
      policy: { allowedMediaTypes: [], maxBytes: 1 },
    });
    return {
      make: ({ policy, now }) =>
        new PostgresDocumentStore({
          connectionString: testDatabaseUrl(),
          schema: SCHEMA,
          policy: policy!,
          now,
          maxConnections: 3,
        }),
      footprint: () => footprintStore.footprint(),
    };
  },
  () => footprintStore.close(),
);

describe('PostgresDocumentStore', () => {
  it('lets the first of concurrent uploads of the same content win for all of them', async () => {
    const schema = `${SCHEMA}_race`;
    await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    const stores = Array.from(
      { length: 5 },
      (_, i) =>
        new PostgresDocumentStore({
          connectionString: testDatabaseUrl(),
          schema,
          policy: { allowedMediaTypes: ['image/png'], maxBytes: 1024 * 1024 },
          now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
          maxConnections: 2,
        }),
    );
    try {
      const results = await Promise.all(
        stores.map((s, i) =>
          s.put({ content: SAMPLE_PNG, fileName: `anh-${i}.png`, mediaType: 'image/png' }),
        ),
      );
      for (const r of results) expect(r).toEqual(results[0]);
      expect(await stores[0].footprint()).toEqual({ documents: 1, chunks: 1 });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  });

  it('keeps content in 256 KiB rows and detects content altered in the table', async () => {
    const store = new PostgresDocumentStore({
      connectionString: testDatabaseUrl(),
      schema: `${SCHEMA}_rows`,
      policy: { allowedMediaTypes: ['image/png'], maxBytes: 2 * 1024 * 1024 },
    });
    try {
      const big = Buffer.concat([SAMPLE_PNG, Buffer.alloc(600 * 1024, 1)]);
      const stored = await store.put({ content: big, fileName: 'anh.png', mediaType: 'image/png' });
      const sizes = await sql(
        `SELECT length(data) AS n FROM ${SCHEMA}_rows.document_chunks c JOIN ${SCHEMA}_rows.documents d USING (blob_id) ORDER BY seq`,
      );
      expect(sizes.map((r) => r.n)).toEqual([262144, 262144, big.length - 2 * 262144]);
      await sql(`UPDATE ${SCHEMA}_rows.document_chunks SET data = '\\x00'::bytea || data WHERE seq = 1`);
      const opened = await store.open(stored.sha256);
      await expect(
        (async () => {
          for await (const _ of opened!.content) void _;
        })(),
      ).rejects.toThrow(/corrupt/);
    } finally {
      await store.close();
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_rows CASCADE`);
    }
  });

  it('outlives its idle connections being dropped (a database restart), and works on (found by the fault test)', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('application_name', 'ntm-documents-drop-test');
    const store = new PostgresDocumentStore({
      connectionString: url.toString(),
      schema: `${SCHEMA}_drop`,
      policy: { allowedMediaTypes: ['image/png'], maxBytes: 1024 * 1024 },
    });
    // An idle connection that errors emits 'error' on the pool: unheard, it ends the whole process.
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      await store.put({ content: SAMPLE_PNG, fileName: 'a.png', mediaType: 'image/png' });
      const dropped = await sql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ntm-documents-drop-test'`,
      );
      expect(dropped.length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(uncaught).toEqual([]);
      const opened = await store.open(createHash('sha256').update(SAMPLE_PNG).digest('hex'));
      expect(opened?.meta.size).toBe(SAMPLE_PNG.length);
      opened?.content.destroy();
    } finally {
      process.off('uncaughtException', onUncaught);
      for (const l of listeners) process.on('uncaughtException', l);
      await store.close();
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_drop CASCADE`);
    }
  });

  it('outlives its connection being dropped while an upload streams in: the upload fails, the process lives on', async () => {
    const url = new URL(testDatabaseUrl());
    url.searchParams.set('application_name', 'ntm-documents-upload-drop');
    const store = new PostgresDocumentStore({
      connectionString: url.toString(),
      schema: `${SCHEMA}_upload_drop`,
      policy: { allowedMediaTypes: ['image/png'], maxBytes: 4 * 1024 * 1024 },
    });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', onUncaught);
    try {
      await store.install();
      const content = new PassThrough();
      const put = store.put({ content, fileName: 'lon.png', mediaType: 'image/png' });
      put.catch(() => undefined);
      // More than one chunk: the first is stored, and the transaction waits for the rest.
      content.write(Buffer.concat([SAMPLE_PNG, Buffer.alloc(300 * 1024, 1)]));
      const waiting = async () =>
        (
          await sql(
            `SELECT pid FROM pg_stat_activity WHERE application_name = 'ntm-documents-upload-drop' AND state = 'idle in transaction'`,
          )
        ).length > 0;
      // Wait for it however long a loaded machine takes: dropping the connection before then tests nothing.
      await eventually(waiting, 'the upload inside its transaction', 90_000);
      await sql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ntm-documents-upload-drop'`,
      );
      await new Promise((r) => setTimeout(r, 300));
      content.end(Buffer.alloc(1024, 2));
      await expect(put).rejects.toThrow();
      expect(uncaught).toEqual([]);
      // The store works on with a fresh connection.
      expect((await store.put({ content: SAMPLE_PNG, fileName: 'a.png', mediaType: 'image/png' })).size).toBe(
        SAMPLE_PNG.length,
      );
    } finally {
      process.off('uncaughtException', onUncaught);
      for (const l of listeners) process.on('uncaughtException', l);
      await store.close();
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_upload_drop CASCADE`);
    }
  });

  it('answers more concurrent uploads of stored content than it has connections (found by the fault test)', async () => {
    // Each duplicate learns it is one only inside its transaction: it must answer from that connection, not wait
    // for a second one while holding the first (with every connection so held, none would ever come).
    const store = new PostgresDocumentStore({
      connectionString: testDatabaseUrl(),
      schema: `${SCHEMA}_dupes`,
      policy: { allowedMediaTypes: ['image/png'], maxBytes: 1024 * 1024 },
      maxConnections: 2,
    });
    try {
      const first = await store.put({ content: SAMPLE_PNG, fileName: 'a.png', mediaType: 'image/png' });
      const again = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.put({ content: SAMPLE_PNG, fileName: `b-${i}.png`, mediaType: 'image/png' }),
        ),
      );
      expect(again).toEqual(again.map(() => first));
      expect(await store.footprint()).toEqual({ documents: 1, chunks: 1 });
    } finally {
      await store.close();
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_dupes CASCADE`);
    }
  });

  it('ends an upload that stalls inside its transaction and gives its connection back (no client holds one for ever)', async () => {
    const store = new PostgresDocumentStore({
      connectionString: testDatabaseUrl(),
      schema: `${SCHEMA}_stall`,
      policy: { allowedMediaTypes: ['image/png'], maxBytes: 4 * 1024 * 1024 },
      maxConnections: 1,
      uploadIdleMs: 300,
    });
    try {
      await store.install();
      const stalled = new PassThrough();
      const put = store.put({ content: stalled, fileName: 'treo.png', mediaType: 'image/png' });
      // One chunk stored, then nothing more: the client neither sends nor breaks off.
      stalled.write(Buffer.concat([SAMPLE_PNG, Buffer.alloc(300 * 1024, 1)]));
      await expect(put).rejects.toThrow(/idle-in-transaction|terminat/i);
      expect(stalled.destroyed).toBe(true);
      // The one connection is free again.
      expect((await store.put({ content: SAMPLE_PNG, fileName: 'a.png', mediaType: 'image/png' })).size).toBe(
        SAMPLE_PNG.length,
      );
    } finally {
      await store.close();
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_stall CASCADE`);
    }
  }, 20_000);
  it('does not hold event readers back while an upload streams in (its transaction lasts as long as the upload)', async () => {
    const store = new PostgresDocumentStore({
      connectionString: testDatabaseUrl(),
      schema: `${SCHEMA}_long_upload`,
      policy: { allowedMediaTypes: ['image/png'], maxBytes: 4 * 1024 * 1024 },
    });
    const events = await createPostgresEventStore({
      connectionString: testDatabaseUrl(),
      schema: `${SCHEMA}_long_upload_events`,
    });
    const content = new PassThrough();
    try {
      await store.install();
      const before = await events.headPosition();
      const put = store.put({ content, fileName: 'ho-so.png', mediaType: 'image/png' });
      // More than one chunk: the first is stored, and the transaction waits for the rest.
      content.write(Buffer.concat([SAMPLE_PNG, Buffer.alloc(300 * 1024, 1)]));
      await eventually(
        async () =>
          (
            await sql(
              `SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'ntm-no-events:documents:%'
                 AND state = 'idle in transaction' AND datname = current_database()`,
            )
          ).length > 0,
        'the upload waiting inside its transaction',
      );
      const { position } = await events.append('ho-so-1', [testEvent()], { expectedVersion: 'no-stream' });
      // Without the session's name the event would stay unread until the upload ends.
      await eventually(
        async () => (await events.headPosition()) === position,
        'the event read during the upload',
      );
      expect((await events.readAll({ after: before })).events.map((e) => e.streamId)).toEqual(['ho-so-1']);
      content.end(Buffer.alloc(1024, 2));
      expect((await put).size).toBe(SAMPLE_PNG.length + 300 * 1024 + 1024);
    } finally {
      content.destroy();
      await events.close();
      await store.close();
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_long_upload CASCADE`);
      await sql(`DROP SCHEMA IF EXISTS ${SCHEMA}_long_upload_events CASCADE`);
    }
  });
});

import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../../../test/support/test-database';
import { SharedClock } from '../src/config/clock';

/**
 * The movable clock of development and acceptance runs (offset in PostgreSQL, read by every process each second).
 * Given a refresh whose read happened before a move but whose answer arrives after it (a loaded machine), when the
 * answer arrives, then the clock keeps the move.
 */
describe('SharedClock on PostgreSQL', () => {
  const schema = 't_shared_clock_int';
  let db: DataSource;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: testDatabaseUrl() });
    await db.initialize();
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.destroy();
  });

  it('keeps a move when a refresh read before it answers after it', async () => {
    // The same database, with the answers to reads held back until released: the server has answered, the
    // process has not yet seen it.
    let release: () => void = () => undefined;
    let answered: () => void = () => undefined;
    let holding = false;
    const held = new Promise<void>((r) => (release = r));
    const readAnswered = new Promise<void>((r) => (answered = r));
    const slowReads = Object.create(db) as DataSource;
    slowReads.query = (async (sql: string, params?: unknown[]) => {
      const rows: unknown = await db.query(sql, params);
      if (holding && sql.trimStart().startsWith('SELECT')) {
        answered();
        await held;
      }
      return rows;
    }) as DataSource['query'];

    const clock = await SharedClock.open(slowReads, schema, 3_600_000);
    await clock.setOffset(30 * 86_400_000);
    holding = true;
    const staleRefresh = clock.refresh(); // reads the 30-day offset, answer held back
    await readAnswered;
    await clock.setOffset(0); // an operator resets the clock
    expect(clock.offset()).toBe(0);
    release();
    await staleRefresh;
    expect(clock.offset()).toBe(0);
    // A later read sees the reset as well.
    holding = false;
    await clock.refresh();
    expect(clock.offset()).toBe(0);
    clock.onApplicationShutdown();
  });
});

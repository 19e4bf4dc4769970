import { DataSource } from 'typeorm';
import { ProjectionCheckpoints } from './checkpoints';
import { testDatabaseUrl } from '../../../../test/support/test-database';

const SCHEMA = 'rm_checkpoints_install_spec';

/** Processes starting together (a worker, the API's metrics) each install the checkpoints table on a new schema. */
describe('installing the checkpoints table from several processes at once', () => {
  const sources: DataSource[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 4; i++) {
      const db = new DataSource({ type: 'postgres', url: testDatabaseUrl(), schema: SCHEMA, poolSize: 1 });
      sources.push(await db.initialize());
    }
  });

  afterAll(async () => {
    await sources[0]?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await Promise.all(sources.map((db) => db.destroy()));
  });

  it('succeeds in every process, whichever created the table (20 rounds on an empty schema)', async () => {
    for (let round = 0; round < 20; round++) {
      await sources[0].query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await sources[0].query(`CREATE SCHEMA ${SCHEMA}`);
      const results = await Promise.allSettled(sources.map((db) => new ProjectionCheckpoints(db).install()));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(await new ProjectionCheckpoints(sources[0]).list()).toEqual([]);
    }
  });
});

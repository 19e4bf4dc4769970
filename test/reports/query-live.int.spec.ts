import { documentCitations, documentCitationsTable, ProjectionCatalog } from '@ntm/read-models';
import { ReadModels } from '../../apps/api/src/reports/read-models.service';
import { openTestDb, type TestDb } from './support';

/** The one-round-trip read of a projection's live build (the evidence access check) across build switches. */
describe('ReadModels.queryLive', () => {
  let t: TestDb;
  let readModels: ReadModels;
  let catalog: ProjectionCatalog;

  beforeAll(async () => {
    t = await openTestDb('rm_query_live');
    readModels = new ReadModels(t.db, t.store);
    await readModels.onModuleInit();
    catalog = new ProjectionCatalog(t.db);
  });
  afterAll(() => t.close());

  const cite = async (sha256: string) => {
    const { live } = await catalog.versionsOf(documentCitations.name);
    const table = catalog.tables(documentCitations.name, live).get(documentCitationsTable.base)!.name;
    await t.db.query(
      `INSERT INTO ${table} (sha256, stream_id, province_code, district_code, commune_code, position)
       VALUES ($1, 'dossier-x', '06', '058', '01843', '0')`,
      [sha256],
    );
  };
  const cited = async () =>
    (
      await readModels.queryLive<{ sha256: string }>(
        documentCitations,
        documentCitationsTable,
        (table) => `SELECT sha256 FROM ${table} ORDER BY sha256`,
        [],
      )
    ).map((r) => r.sha256);

  it('reads the build that is live now, not the one it remembered, after rebuilds switched builds and dropped its tables', async () => {
    await cite('a'.repeat(64));
    expect(await cited()).toEqual(['a'.repeat(64)]);

    // A rebuild: the new build starts empty, gets its own row, and goes live; the old build's table stays.
    const next = await catalog.startBuild(documentCitations.name);
    await catalog.switchTo(documentCitations.name, next);
    await cite('b'.repeat(64));
    expect(await cited()).toEqual(['b'.repeat(64)]);

    // Two more rebuilds: the second drops the tables of the build remembered since the last read.
    for (let i = 0; i < 2; i++) {
      const build = await catalog.startBuild(documentCitations.name);
      await catalog.switchTo(documentCitations.name, build);
    }
    await cite('c'.repeat(64));
    expect(await cited()).toEqual(['c'.repeat(64)]);
  });

  it('answers nothing, not an error, when no row matches', async () => {
    expect(
      await readModels.queryLive(
        documentCitations,
        documentCitationsTable,
        (table) => `SELECT sha256 FROM ${table} WHERE sha256 = $1`,
        ['f'.repeat(64)],
      ),
    ).toEqual([]);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '@ntm/application';
import { CRITERIA_SETS_STREAM, testSet2026 } from '@ntm/criteria';
import { createEventStore } from '@ntm/event-store';
import { loadFile } from '../../apps/cli/src/load';
import { testDatabaseUrl } from '../support/test-database';

/** `npm run cli -- criteria-set load <file>`: same validation and events as the HTTP route. */
describe('CLI: criteria-set load', () => {
  const config = {
    ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
    databaseUrl: testDatabaseUrl(),
    schema: 't_law_cli',
  };
  const set = testSet2026('24');

  it('names the line and field of a bad file and writes nothing; loads a good one once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ntm-law-'));
    const badText = JSON.stringify({ ...set, source: { ...set.source, date: '2026-02-30' } }, null, 2);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, badText);
    const lines: string[] = [];
    expect(await loadFile(config, 'criteria-set', bad, (m) => lines.push(m))).toBe(1);
    const line = badText.split('\n').findIndex((l) => l.includes('"date": "2026-02-30"')) + 1;
    expect(lines.join('\n')).toContain(`Dòng ${line}, trường source.date`);

    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(set, null, 2));
    lines.length = 0;
    expect(await loadFile(config, 'criteria-set', good, (m) => lines.push(m))).toBe(0);
    expect(await loadFile(config, 'criteria-set', good, (m) => lines.push(m))).toBe(0);
    expect(lines[1]).toContain('không ghi gì thêm');

    const store = await createEventStore({ connectionString: config.databaseUrl, schema: config.schema });
    try {
      const events = await store.readStream(CRITERIA_SETS_STREAM);
      expect(events.map((e) => e.type)).toEqual(['CriteriaSetLoaded']);
      expect(events[0].metadata).toMatchObject({ role: 'admin', actor: expect.stringMatching(/^cli:/) });
    } finally {
      await store.close();
    }
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv } from '@ntm/application';
import { HOLIDAY_YEARS_STREAM } from '@ntm/calendar';
import { CRITERIA_SETS_STREAM, testSet2026 } from '@ntm/criteria';
import { createEventStore } from '@ntm/event-store';
import { UNITS_STREAM } from '@ntm/units';
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

/** `npm run cli -- units load <file>`: the register's decider, all or nothing, the operator recorded. */
describe('CLI: units load', () => {
  const config = {
    ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
    databaseUrl: testDatabaseUrl(),
    schema: 't_units_cli',
  };
  const file = join(__dirname, '../fixtures/units-thai-nguyen-2025.json');

  it('loads the 2025 rearrangement of Bắc Kạn and Thái Nguyên once, and refuses a file with a wrong change', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ntm-units-'));
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({ changes: [{ type: 'RegisterUnit', kind: 'commune', code: '1', name: 'x' }] }),
    );
    const lines: string[] = [];
    const refused = await loadFile(config, 'units', bad, (m) => lines.push(m));
    expect(lines.join('\n')).toContain('changes[0].code: mã xã cần 5 chữ số');
    expect(refused).toBe(1);
    expect(lines.join('\n')).toContain('changes[0].code: mã xã cần 5 chữ số');

    lines.length = 0;
    const loaded = await loadFile(config, 'units', file, (m) => lines.push(m));
    expect(lines).toEqual([expect.stringContaining('11 thay đổi')]);
    expect(loaded).toBe(0);
    expect(await loadFile(config, 'units', file, (m) => lines.push(m))).toBe(0);
    expect(lines[1]).toContain('không ghi gì thêm');
    const store = await createEventStore({ connectionString: config.databaseUrl, schema: config.schema });
    try {
      const events = await store.readStream(UNITS_STREAM);
      expect(events.map((e) => e.type).slice(-2)).toEqual(['UnitsMerged', 'UnitsMerged']);
      expect(events).toHaveLength(11);
      expect(events[0].metadata).toMatchObject({ role: 'admin', actor: expect.stringMatching(/^cli:/) });
    } finally {
      await store.close();
    }
  });
});

/** `npm run cli -- holidays load <file>`: the same decider as POST /api/v1/calendar/years. */
describe('CLI: holidays load', () => {
  const config = {
    ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
    databaseUrl: testDatabaseUrl(),
    schema: 't_holidays_cli',
  };
  const year = {
    year: 2027,
    daysOff: [{ from: '2027-02-04', to: '2027-02-12', name: 'Nghỉ Tết (dự kiến)', source: 'Dự kiến' }],
    workingDays: [],
    provisional: true,
    source: 'Dự kiến, chờ công bố',
  };

  it('names the line and field of a bad file and writes nothing; loads a good one once, the operator recorded', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ntm-holidays-'));
    const badText = JSON.stringify({ ...year, provisional: 'có' }, null, 2);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, badText);
    const lines: string[] = [];
    expect(await loadFile(config, 'holidays', bad, (m) => lines.push(m))).toBe(1);
    const line = badText.split('\n').findIndex((l) => l.includes('"provisional"')) + 1;
    expect(lines.join('\n')).toContain(`Dòng ${line}, trường provisional`);

    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify(year, null, 2));
    lines.length = 0;
    expect(await loadFile(config, 'holidays', good, (m) => lines.push(m))).toBe(0);
    expect(await loadFile(config, 'holidays', good, (m) => lines.push(m))).toBe(0);
    expect(lines[1]).toContain('không ghi gì thêm');
    const store = await createEventStore({ connectionString: config.databaseUrl, schema: config.schema });
    try {
      const events = await store.readStream(HOLIDAY_YEARS_STREAM);
      expect(events.map((e) => e.type)).toEqual(['HolidayYearLoaded']);
      expect(events[0].metadata).toMatchObject({ role: 'admin', actor: expect.stringMatching(/^cli:/) });
    } finally {
      await store.close();
    }
  });
});

import { qualifiedTable } from '@ntm/event-store';
import { createVietnamCalendar } from '@ntm/calendar';
import { randomUUID } from 'node:crypto';
import {
  PROJECTORS,
  boardTable,
  communePilotsTable,
  constructionDebtsTable,
  dossierBoard,
  decisionsTable,
  physicalName,
  queryBoard,
  queryDecisions,
  queryPipeline,
  queryStandingsSummary,
  querySurveys,
  returnsTable,
  standingDossiersTable,
  standingsTable,
  stepsTable,
  surveysTable,
  type Build,
  type StandingsFilter,
} from '@ntm/read-models';
import { surveyStreamId } from '@ntm/survey';
import { appendHistory, toAppend, type DossierPlan } from '../../libs/read-models/src/testing/history';
import {
  FRONT_A,
  FRONT_B,
  NA_DI,
  SURVEY_ID,
  answers,
  ballot,
  close,
  formsBatch,
  openWithRegister,
  run,
  token,
} from '../../libs/survey/src/testing/fixtures';
import {
  allEvents,
  appendCommuneSettings,
  appendDebtLedgers,
  applyDirect,
  freshBuild,
  openTestDb,
  snapshot,
  type TestDb,
} from './support';

const place = (n: number, district = '058') => ({
  provinceCode: '06',
  districtCode: district,
  communeCode: String(1800 + n).padStart(5, '0'),
  name: `xã Thử Nghiệm ${n}`,
});
const ALL = Array.from({ length: 19 }, (_, i) => i + 1);

const plans: DossierPlan[] = [
  {
    dossierId: randomUUID(),
    commune: place(1),
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-02-01T02:00:00.000Z',
    met: ALL.slice(0, 14),
    outcome: 'preparing',
  },
  {
    dossierId: randomUUID(),
    commune: place(2),
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-02-02T02:00:00.000Z',
    met: ALL,
    outcome: 'submitted',
  },
  {
    dossierId: randomUUID(),
    commune: place(3),
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-02-03T02:00:00.000Z',
    met: ALL.slice(0, 17),
    outcome: 'recognised',
    returned: true,
    decision: { number: '101/QĐ-UBND', on: '2024-06-01' },
  },
  {
    dossierId: randomUUID(),
    commune: place(4, '059'),
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-02-04T02:00:00.000Z',
    met: ALL,
    outcome: 'announced',
    decision: { number: '101/QĐ-UBND', on: '2024-06-01' },
  },
  {
    dossierId: randomUUID(),
    commune: place(5, '059'),
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-02-05T02:00:00.000Z',
    met: ALL,
    outcome: 'refused',
  },
  {
    dossierId: randomUUID(),
    commune: place(6, '059'),
    level: 'ntm',
    year: 2024,
    holdings: [],
    start: '2024-02-06T02:00:00.000Z',
    met: ALL.slice(0, 9),
    outcome: 'withdrawn',
  },
  {
    dossierId: randomUUID(),
    commune: place(7),
    level: 'ntm',
    year: 2023,
    holdings: [],
    start: '2023-01-06T02:00:00.000Z',
    met: ALL,
    outcome: 'revoked',
    decision: { number: '55/QĐ-UBND', on: '2023-05-01' },
    revocation: { number: '9/QĐ-TH', on: '2024-03-01', failed: ALL.slice(0, 10) },
  },
  {
    dossierId: randomUUID(),
    commune: place(4, '059'),
    level: 'nang-cao',
    year: 2025,
    holdings: ['ntm'],
    start: '2025-01-04T02:00:00.000Z',
    met: ALL.slice(0, 18),
    outcome: 'submitted',
  },
];

describe('projectors over a generated history', () => {
  let t: TestDb;
  const v1: Build = { version: 1, build: 1 };

  beforeAll(async () => {
    t = await openTestDb('rm_projectors');
    // A survey round beside the dossiers (the survey-rounds projection reads it); appendHistory waits for both.
    const form = (n: number) => ({ token: token(NA_DI, n), answers: answers('satisfied') });
    const round = run(openWithRegister(), [
      ballot(token(NA_DI, 5), answers('not-satisfied')),
      formsBatch('nd-1', NA_DI, [form(1), form(2)], FRONT_A),
      formsBatch('nd-1', NA_DI, [form(1), form(3)], FRONT_B),
      close(),
    ]);
    await t.store.append(surveyStreamId(SURVEY_ID), toAppend(round), { expectedVersion: 'no-stream' });
    await appendHistory(t.store, plans);
    await appendCommuneSettings(t.store);
    await appendDebtLedgers(t.store);
    for (const p of PROJECTORS) await freshBuild(t, p, v1);
  });
  afterAll(() => t.close());

  it('replaying the same events again, in other batch sizes, changes no row', async () => {
    const events = await allEvents(t.store);
    // The generated history is dossiers, groups, pilot selections and debt ledgers only: the units, plans and criteria-sets projections have their own tests.
    const fed = PROJECTORS.filter((p) => !p.handles || events.some((e) => p.handles!.includes(e.type)));
    expect(fed.length).toBeGreaterThanOrEqual(PROJECTORS.length - 3);
    for (const p of fed) {
      await applyDirect(t, p, v1, events, 7);
      const first = await snapshot(t, p, v1);
      expect(Object.values(first).flat().length).toBeGreaterThan(0);
      await applyDirect(t, p, v1, events, 1000);
      await applyDirect(t, p, v1, events.slice(10, 40), 3);
      expect(await snapshot(t, p, v1)).toEqual(first);
      // A build made in one pass holds the same bytes as the one made in small batches.
      const other: Build = { version: 1, build: 9 };
      await freshBuild(t, p, other);
      await applyDirect(t, p, other, events, 1000);
      expect(await snapshot(t, p, other)).toEqual(first);
    }
  });

  it('the pilot communes keep the latest selection of each commune, a withdrawal included', async () => {
    const pilots = qualifiedTable(t.schema, physicalName(communePilotsTable, v1));
    expect(
      await t.db.query(
        `SELECT commune_code, level, designated, decided_on FROM ${pilots} ORDER BY commune_code`,
      ),
    ).toEqual([
      { commune_code: '01900', level: 'hien-dai', designated: true, decided_on: '2026-03-10' },
      { commune_code: '01901', level: 'hien-dai', designated: false, decided_on: '2026-06-01' },
    ]);
  });

  it('the construction debts keep what each work still owes, a cancelled one owing nothing', async () => {
    const debts = qualifiedTable(t.schema, physicalName(constructionDebtsTable, v1));
    expect(
      await t.db.query(
        `SELECT entry_id, commune_code, amount, remaining, cancelled, payments, last_paid_on FROM ${debts} ORDER BY entry_id`,
      ),
    ).toEqual([
      {
        entry_id: 'duong-na-pai',
        commune_code: '01900',
        amount: 500_000_000,
        remaining: 300_000_000,
        cancelled: false,
        payments: 1,
        last_paid_on: '2025-03-10',
      },
      {
        entry_id: 'kenh-muong',
        commune_code: '01901',
        amount: 50_000_000,
        remaining: 0,
        cancelled: false,
        payments: 2,
        last_paid_on: '2025-04-01',
      },
      {
        entry_id: 'nha-van-hoa',
        commune_code: '01900',
        amount: 100_000_000,
        remaining: 0,
        cancelled: true,
        payments: 0,
        last_paid_on: null,
      },
    ]);
  });

  it('the board and the standings say what the history says', async () => {
    const board = qualifiedTable(t.schema, physicalName(boardTable, v1));
    const rows = await t.db.query(`SELECT dossier_id, status, current_step, round, returns FROM ${board}`);
    const byId = new Map(rows.map((r: { dossier_id: string }) => [r.dossier_id, r]));
    expect(byId.get(plans[0].dossierId)).toMatchObject({
      status: 'preparing',
      current_step: 'commune-preparation',
    });
    expect(byId.get(plans[1].dossierId)).toMatchObject({
      status: 'in-review',
      current_step: 'district-verification',
    });
    expect(byId.get(plans[2].dossierId)).toMatchObject({
      status: 'recognised',
      current_step: 'announcement',
      round: 2,
      returns: 1,
    });
    expect(byId.get(plans[3].dossierId)).toMatchObject({ status: 'recognised', current_step: null });
    expect(byId.get(plans[4].dossierId)).toMatchObject({ status: 'refused', current_step: null });
    expect(byId.get(plans[5].dossierId)).toMatchObject({ status: 'withdrawn', current_step: null });
    expect(byId.get(plans[6].dossierId)).toMatchObject({ status: 'revoked', current_step: null });

    const standings = qualifiedTable(t.schema, physicalName(standingsTable, v1));
    const s = new Map(
      (await t.db.query(`SELECT * FROM ${standings}`)).map((r: { commune_code: string }) => [
        r.commune_code,
        r,
      ]),
    );
    expect(s.get(place(1).communeCode)).toMatchObject({
      criteria_met_count: 14,
      level_held: null,
      level_rank: 0,
    });
    // Commune 3 was returned, re-assessed with every criterion met, and recognised.
    expect(s.get(place(3).communeCode)).toMatchObject({
      criteria_met_count: 19,
      level_held: 'ntm',
      decision_number: '101/QĐ-UBND',
    });
    // Commune 4 holds NTM and has a nâng cao dossier whose assessment (18 of 19) is the latest word.
    expect(s.get(place(4).communeCode)).toMatchObject({
      criteria_met_count: 18,
      level_held: 'ntm',
      criteria_level: 'nang-cao',
      dossiers: 2,
    });
    // Commune 7's recognition was revoked after a re-assessment failing 10 criteria.
    expect(s.get(place(7).communeCode)).toMatchObject({
      criteria_met_count: 9,
      level_held: null,
      revocations: 1,
      last_revoked_number: '9/QĐ-TH',
    });
  });

  it('the queries aggregate the rows', async () => {
    const name = (def: { base: string }) => qualifiedTable(t.schema, `${def.base}_v1`);
    const m = t.db.manager;
    const now = new Date('2025-06-01T00:00:00Z');
    const page = await queryBoard(m, name(boardTable), {
      provinceCode: '06',
      districtCode: '059',
      page: 1,
      pageSize: 2,
      now,
    });
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    const waiting = await queryBoard(m, name(boardTable), {
      provinceCode: '06',
      waitingFor: { role: 'district_officer', actorId: 'huyen-058' },
      page: 1,
      pageSize: 50,
      now,
    });
    expect(waiting.items.map((i) => i.dossierId).sort()).toEqual(
      [plans[1].dossierId, plans[7].dossierId].sort(),
    );
    expect(waiting.items.every((i) => i.overdue)).toBe(true);

    const standingTables = {
      standings: name(standingsTable),
      standingDossiers: name(standingDossiersTable),
      units: qualifiedTable(t.schema, 'rm_admin_units'),
    };
    const summary = await queryStandingsSummary(m, standingTables, { provinceCode: '06' });
    const [total, d058, d059] = summary;
    expect(total).toMatchObject({
      districtCode: null,
      communes: 7,
      assessed: 7,
      below15: 3,
      atLeast: { ntm: 2, nangCao: 0, kieuMau: 0 },
    });
    expect(total.distribution).toEqual({ all: 3, from15to18: 1, from10to14: 1, under10: 2 });
    expect(total.averageCriteriaMet).toBeCloseTo((14 + 19 + 19 + 18 + 19 + 9 + 9) / 7, 10);
    expect(total.criteriaMetCounts).toEqual({ 9: 2, 14: 1, 18: 1, 19: 3 });
    expect(total.criteriaAchievement[19]).toBe(4); // communes 2, 3, 5 and 7 (whose re-assessment failed 1-10)
    expect(total.criteriaAchievement[1]).toBe(6);
    expect(d058).toMatchObject({ districtCode: '058', communes: 4 });
    expect(d059).toMatchObject({ districtCode: '059', communes: 3, atLeast: { ntm: 1 } });
    // Filtered by year, criteria period or level, the standings are folded again from those dossiers only. Every dossier
    // here is of 2021-2025; commune 7 has the one of 2023. No unit is registered: only communes with a dossier.
    const filtered = (f: StandingsFilter) =>
      queryStandingsSummary(m, standingTables, { provinceCode: '06' }, f);
    expect(await filtered({ criteriaPeriod: '2021-2025' })).toEqual(summary);
    expect((await filtered({ criteriaPeriod: '2026-2030' }))[0]).toMatchObject({
      communes: 0,
      assessed: 0,
      below15: 0,
      revocations: 0,
      criteriaMetCounts: {},
    });
    expect((await filtered({ criteriaPeriod: '2021-2025', year: 2023 }))[0]).toMatchObject({
      communes: 1,
      assessed: 1,
      criteriaMetCounts: { 9: 1 },
      revocations: 1,
      atLeast: { ntm: 0 },
    });
    expect((await filtered({ level: 'nang-cao' }))[0]).toMatchObject({ communes: 1, assessed: 1 });

    const decisions = await queryDecisions(m, name(decisionsTable), { provinceCode: '06' });
    const batch = decisions.batches.find((b) => b.decisionNumber === '101/QĐ-UBND')!;
    expect(batch.communes.map((c) => c.communeCode).sort()).toEqual([
      place(3).communeCode,
      place(4).communeCode,
    ]);
    expect(decisions.perYear).toEqual(
      expect.arrayContaining([
        { year: 2024, kind: 'granted', level: 'ntm', communes: 2 },
        { year: 2024, kind: 'revoked', level: 'ntm', communes: 1 },
      ]),
    );

    const surveys = await querySurveys(m, name(surveysTable), { provinceCode: '06' });
    expect(surveys.map((s) => s.communeCode)).not.toContain(place(1).communeCode);
    expect(surveys[0]).toMatchObject({
      households: 1000,
      formsCollected: 850,
      satisfied: 820,
      meetsCoverage: true,
    });
    expect(surveys[0].perQuestion).toHaveLength(2);

    const pipeline = await queryPipeline(
      m,
      { steps: name(stepsTable), returns: name(returnsTable) },
      { provinceCode: '06', now, calendar: createVietnamCalendar() },
    );
    const verification = pipeline.steps.find((s) => s.step === 'district-verification')!;
    expect(verification.open).toBe(2);
    expect(verification.completed).toBe(5);
    expect(pipeline.returnsPerRound).toEqual([
      { round: 1, returns: 1, byStep: { 'district-verification': 1 } },
    ]);
    expect(pipeline.overdue.length).toBeGreaterThan(0);
  });
});

describe('waiting for me', () => {
  let t: TestDb;
  const at = (n: number): DossierPlan => ({
    dossierId: randomUUID(),
    commune: place(20 + n),
    level: 'ntm',
    year: 2025,
    holdings: [],
    start: '2025-01-06T02:00:00.000Z',
    met: ALL,
    outcome: 'preparing',
  });
  const waiting: DossierPlan[] = [
    { ...at(0), outcome: 'preparing' },
    { ...at(1), outcome: 'surveyed' },
    { ...at(2), outcome: 'verified' },
    { ...at(3), outcome: 'voted' },
  ];

  beforeAll(async () => {
    t = await openTestDb('rm_waiting');
    await appendHistory(t.store, waiting);
    await freshBuild(t, dossierBoard, { version: 1, build: 1 });
    await applyDirect(t, dossierBoard, { version: 1, build: 1 }, await allEvents(t.store));
  });
  afterAll(() => t.close());

  const waitingFor = async (role: string, actorId: string) => {
    const page = await queryBoard(t.db.manager, qualifiedTable(t.schema, 'rm_dossier_board_v1'), {
      provinceCode: '06',
      waitingFor: { role, actorId },
      page: 1,
      pageSize: 50,
      now: new Date('2025-01-07T00:00:00Z'),
    });
    return page.items.map((i) => i.communeCode).sort();
  };

  it('lists what the caller’s role must act on, less what the caller has already done', async () => {
    const code = (n: number) => place(20 + n).communeCode;
    // The Front is done once its survey result is in; the commune still prepares both.
    expect(await waitingFor('front_officer', 'mttq-x')).toEqual([code(0)]);
    expect(await waitingFor('commune_officer', 'xa-x')).toEqual([code(0), code(1)]);
    // Council members who voted on a round are not waited for; the province still concludes it.
    expect(await waitingFor('council_member', 'hoi-dong-06-1')).toEqual([code(2)]);
    expect(await waitingFor('council_member', 'someone-else')).toEqual([code(2), code(3)]);
    expect(await waitingFor('province_officer', 'tinh-06')).toEqual([code(2), code(3)]);
    expect(await waitingFor('district_officer', 'huyen-058')).toEqual([]);
  });
});

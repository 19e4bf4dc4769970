import { communeStreamId } from '@ntm/recognition';
import type { EventStore } from '@ntm/event-store';
import { EVENT_STORE } from '@ntm/application';
import { DossierDriver, findings, sha, uploadSamples, type Tokens } from '../support/dossier-driver';
import { eventually } from '../support/eventually';
import type { TestApp } from '../support/harness';
import { startTestApp } from '../support/harness';

/**
 * A province of 60 communes (three districts, each with one commune of every kind) seeded through the API with
 * known assessments and decisions; every aggregate of the standings report is checked against figures this file
 * computes on its own from the seed.
 */

const PROVINCE = '24';
const DISTRICTS = Array.from({ length: 3 }, (_, d) => String(213 + d));
const CRITERIA = Array.from({ length: 19 }, (_, i) => i + 1);

type Kind = 'none' | 'assessed' | 'ntm' | 'nang-cao' | 'revoked' | 'appraisal';
interface Seed {
  readonly code: string;
  readonly name: string;
  readonly district: string;
  readonly kind: Kind;
  /** Criteria met by the latest word on the commune (null: never assessed). */
  readonly met: readonly number[] | null;
  /** 0 none, 1 NTM (nâng cao is applied for but not granted here). */
  readonly rank: number;
  readonly batch: number;
  readonly revoked: boolean;
}

/** A varied, deterministic set of `count` criteria met for commune i. */
const metSet = (i: number, count: number): number[] => CRITERIA.filter((k) => (k * 7 + i * 3) % 19 < count);

const seedOf = (i: number): Seed => {
  const r = i % 20;
  const district = DISTRICTS[Math.floor(i / 20)];
  const base = {
    code: String(70000 + i),
    name: `xã Thử Nghiệm ${i}`,
    district,
    batch: i % 3,
    revoked: false,
  };
  if (r < 4) return { ...base, kind: 'none', met: null, rank: 0 };
  if (r < 10) return { ...base, kind: 'assessed', met: metSet(i, 5 + ((i * 7) % 15)), rank: 0 };
  if (r < 16) return { ...base, kind: 'ntm', met: CRITERIA, rank: 1 };
  if (r < 18) return { ...base, kind: 'nang-cao', met: metSet(i, 12 + (i % 8)), rank: 1 };
  if (r < 19)
    return { ...base, kind: 'revoked', met: CRITERIA.filter((k) => k > 10), rank: 0, revoked: true };
  return { ...base, kind: 'appraisal', met: CRITERIA.filter((k) => k !== 10 && k !== 17), rank: 0 };
};
const SEEDS = Array.from({ length: 60 }, (_, i) => seedOf(i));
const decisionOf = (batch: number) => ({
  decisionNumber: `${1200 + batch}/QĐ-UBND`,
  decidedOn: `2025-0${batch + 4}-15`,
});

/** The figures, from the seed alone. */
const expected = (seeds: readonly Seed[]) => {
  const assessed = seeds.filter((s) => s.met !== null);
  const counts = assessed.map((s) => s.met!.length);
  const achievement: Record<number, number> = {};
  for (const k of CRITERIA) {
    const n = assessed.filter((s) => s.met!.includes(k)).length;
    if (n > 0) achievement[k] = n;
  }
  const criteriaMetCounts: Record<number, number> = {};
  for (const c of counts) criteriaMetCounts[c] = (criteriaMetCounts[c] ?? 0) + 1;
  const ntm = seeds.filter((s) => s.rank >= 1).length;
  return {
    communes: seeds.length,
    atLeast: { ntm, nangCao: 0, kieuMau: 0 },
    share: { ntm: ntm / seeds.length, nangCao: 0, kieuMau: 0 },
    assessed: assessed.length,
    averageCriteriaMet: counts.reduce((a, b) => a + b, 0) / counts.length,
    below15: counts.filter((c) => c < 15).length,
    distribution: {
      all: counts.filter((c) => c === 19).length,
      from15to18: counts.filter((c) => c >= 15 && c <= 18).length,
      from10to14: counts.filter((c) => c >= 10 && c <= 14).length,
      under10: counts.filter((c) => c < 10).length,
    },
    criteriaAchievement: achievement,
    criteriaMetCounts,
    revocations: seeds.filter((s) => s.revoked).length,
  };
};

jest.setTimeout(900_000);

describe('figures of a province of 60 communes, seeded through the API', () => {
  let t: TestApp;
  let admin: string;
  let province: string;
  let last = '';

  const track = (body: { position?: string | null }) => {
    if (body.position && body.position > last) last = body.position;
  };

  beforeAll(async () => {
    t = await startTestApp('rm_figures', { worker: true });
    t.clock.set('2025-09-01T02:00:00.000Z');
    admin = await t.token('admin');
    province = await t.token('province_officer', { provinceCode: PROVINCE });
    const units = await t.http
      .put(`/api/v1/admin/units/${PROVINCE}`)
      .set('authorization', `Bearer ${admin}`)
      .send({
        name: 'Tỉnh Bắc Giang',
        districts: DISTRICTS.map((code) => ({ code, name: `Huyện ${code}` })),
        communes: SEEDS.map((s) => ({ code: s.code, name: s.name, districtCode: s.district })),
      });
    expect(units.status).toBe(200);
    track(units.body);

    const council = await Promise.all(
      [1, 2, 3].map(() => t.token('council_member', { provinceCode: PROVINCE })),
    );
    const chairman = await t.token('chairman', { provinceCode: PROVINCE });
    const driverFor = async (s: Seed) => {
      const place = { provinceCode: PROVINCE, districtCode: s.district, communeCode: s.code, name: s.name };
      const tokens: Tokens = {
        commune: await t.token('commune_officer', place),
        front: await t.token('front_officer', place),
        district: await t.token('district_officer', { provinceCode: PROVINCE, districtCode: s.district }),
        province,
        council,
        chairman,
        admin,
      };
      return new DossierDriver(t, tokens, place);
    };
    const recognise = async (d: DossierDriver, s: Seed) => {
      track(await d.open('ntm'));
      await d.prepare();
      await d.submit();
      await d.verify();
      await d.appraise();
      track(await d.ok('decision', d.tokens.chairman, decisionOf(s.batch)));
      track(await d.ok('announcement', d.tokens.province, { announcedOn: '2025-08-01' }));
    };
    const seedCommune = async (s: Seed) => {
      if (s.kind === 'none') return;
      const d = await driverFor(s);
      // A commune may cite only evidence it can read: each uploads the same files (stored once, by content).
      await uploadSamples(t, d.tokens.commune, [...CRITERIA, 50, 51, 52, 53, 99]);
      switch (s.kind) {
        case 'assessed':
          track(await d.open('ntm'));
          track(await d.ok('self-assessment', d.tokens.commune, { criteria: criteriaOf(s.met!) }));
          return;
        case 'ntm':
          return recognise(d, s);
        case 'nang-cao': {
          await recognise(d, s);
          // The commune's record (kept by the worker) must show NTM before a nâng cao dossier can open.
          const store = t.app.get<EventStore>(EVENT_STORE);
          await eventually(
            async () => (await store.streamVersion(communeStreamId(s.code))) !== null,
            `record of ${s.code}`,
          );
          const nc = await driverFor(s);
          track(await nc.open('nang-cao'));
          track(await nc.ok('self-assessment', nc.tokens.commune, { criteria: criteriaOf(s.met!) }));
          return;
        }
        case 'revoked':
          await recognise(d, s);
          track(
            await d.ok('revocation', d.tokens.province, {
              reason: 'Kiểm tra định kỳ: nhiều tiêu chí không còn đạt',
            }),
          );
          track(
            await d.ok('revocation/assessment', d.tokens.province, {
              results: findings((k) => s.met!.includes(k)),
            }),
          );
          track(
            await d.ok('revocation/decision', d.tokens.chairman, {
              decisionNumber: '77/QĐ-UBND',
              decidedOn: '2025-08-20',
            }),
          );
          return;
        case 'appraisal':
          track(await d.open('ntm'));
          await d.prepare();
          await d.submit();
          await d.verify();
          track(await d.appraise({ findings: (k) => s.met!.includes(k) }));
          return;
      }
    };
    // A few communes at a time, as several officers would work.
    for (let i = 0; i < SEEDS.length; i += 8) await Promise.all(SEEDS.slice(i, i + 8).map(seedCommune));
  });
  afterAll(() => t.close());

  const criteriaOf = (met: readonly number[]) =>
    CRITERIA.map((criterion) => ({
      criterion,
      met: met.includes(criterion),
      value: met.includes(criterion) ? 'Đạt' : 'Chưa đạt',
      evidence: [sha(criterion)],
    }));

  it('the standings aggregates equal the figures computed from the seed, for the province and each district', async () => {
    const res = await t.http
      .get(`/api/v1/reports/standings/summary?province=${PROVINCE}&minPosition=${last}`)
      .set('authorization', `Bearer ${province}`);
    expect(res.status).toBe(200);
    expect(res.body.position >= last).toBe(true);
    const [total, ...districts] = res.body.data;
    const check = (actual: Record<string, unknown>, seeds: readonly Seed[]) => {
      const e = expected(seeds);
      const { averageCriteriaMet, share, ...exact } = e;
      expect(actual).toMatchObject(exact);
      expect(actual.averageCriteriaMet).toBeCloseTo(averageCriteriaMet, 10);
      expect((actual.share as { ntm: number }).ntm).toBeCloseTo(share.ntm, 12);
    };
    check(total, SEEDS);
    expect(districts.map((d: { districtCode: string }) => d.districtCode)).toEqual(DISTRICTS);
    for (const d of districts)
      check(
        d,
        SEEDS.filter((s) => s.district === d.districtCode),
      );
  });

  it('recognitions per batch and revocations per year match the decisions made', async () => {
    const res = await t.http
      .get(`/api/v1/reports/decisions?province=${PROVINCE}&minPosition=${last}`)
      .set('authorization', `Bearer ${province}`);
    const granted = SEEDS.filter((s) => s.kind === 'ntm' || s.kind === 'nang-cao' || s.kind === 'revoked');
    for (const batch of [0, 1, 2]) {
      const { decisionNumber } = decisionOf(batch);
      const found = res.body.data.batches.find(
        (b: { kind: string; decisionNumber: string }) =>
          b.kind === 'granted' && b.decisionNumber === decisionNumber,
      );
      expect(found.communes.map((c: { communeCode: string }) => c.communeCode).sort()).toEqual(
        granted
          .filter((s) => s.batch === batch)
          .map((s) => s.code)
          .sort(),
      );
    }
    expect(res.body.data.perYear).toEqual([
      { year: 2025, kind: 'granted', level: 'ntm', communes: granted.length },
      { year: 2025, kind: 'revoked', level: 'ntm', communes: SEEDS.filter((s) => s.revoked).length },
    ]);
  });

  it('the plan’s progress counts the communes that hold each standard', async () => {
    const plan = {
      title: 'Kế hoạch 2025',
      targets: [
        { year: 2025, level: 'ntm', target: 45 },
        { year: 2025, level: 'ntm', target: 12, districtCode: DISTRICTS[0] },
      ],
    };
    const saved = await t.http
      .put(`/api/v1/plans/${PROVINCE}`)
      .set('authorization', `Bearer ${province}`)
      .send(plan);
    expect(saved.status).toBe(200);
    track(saved.body);
    const res = await t.http
      .get(`/api/v1/reports/plan-progress?province=${PROVINCE}&minPosition=${last}`)
      .set('authorization', `Bearer ${province}`);
    const holding = SEEDS.filter((s) => s.rank >= 1);
    expect(res.body.data.targets).toEqual([
      expect.objectContaining({
        districtCode: null,
        target: 45,
        achieved: holding.length,
        remaining: 45 - holding.length,
      }),
      expect.objectContaining({
        districtCode: DISTRICTS[0],
        target: 12,
        achieved: holding.filter((s) => s.district === DISTRICTS[0]).length,
      }),
    ]);
  });

  it('the pipeline counts dossiers per step', async () => {
    const res = await t.http
      .get(`/api/v1/reports/pipeline?province=${PROVINCE}&minPosition=${last}`)
      .set('authorization', `Bearer ${province}`);
    const steps = new Map(res.body.data.steps.map((s: { step: string }) => [s.step, s]));
    const count = (...kinds: Kind[]) => SEEDS.filter((s) => kinds.includes(s.kind)).length;
    expect(steps.get('commune-preparation')).toMatchObject({
      open: count('assessed', 'nang-cao'),
      completed: count('ntm', 'nang-cao', 'revoked', 'appraisal'),
    });
    expect(steps.get('decision')).toMatchObject({
      open: count('appraisal'),
      completed: count('ntm', 'nang-cao', 'revoked'),
    });
    expect(steps.get('revocation-decision')).toMatchObject({ open: 0, completed: count('revoked') });
  });
});

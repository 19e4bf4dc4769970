import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import { hienDaiSet2026, ntmSet2026 } from '@ntm/criteria';
import { openingOptions, type OpeningFacts } from './opening';
import { getProcedure } from './procedures';
import {
  actors,
  at,
  command,
  decider,
  DOSSIER_ID,
  duongQuang,
  nongThuong,
  nongThuongTwoTier,
  scenario,
} from './testing/fixtures';
import { opened } from './testing/events';

const open = (data: Partial<ReturnType<typeof scenario>['open']['data']>, actor: Actor = actors.commune) =>
  command('OpenDossier', { ...scenario().open.data, ...data }, actor, at('2025-03-03'));

describe('opening a dossier', () => {
  it('opens the first step with the dossier', () => {
    spec(decider)
      .given([])
      .when(open({}))
      .thenMatch([
        {
          type: 'DossierOpened',
          data: {
            dossierId: DOSSIER_ID,
            level: 'ntm',
            year: 2025,
            openedAt: at('2025-03-03'),
            openedBy: 'u-xa-nt',
          },
        },
        {
          type: 'StepOpened',
          data: { step: 'commune-preparation', round: 1, openedAt: at('2025-03-03'), dueAt: null },
        },
      ]);
  });

  it('records the whole procedure definition in DossierOpened, so later edits never change history', () => {
    const [opened] = spec(decider)
      .given([])
      .when(open({}))
      .thenMatch([{ type: 'DossierOpened' }, {}]);
    expect(opened.type === 'DossierOpened' && opened.data.procedure).toEqual(getProcedure('2021-2025'));
    expect(opened).toMatchObject({
      data: { dossierId: DOSSIER_ID, commune: nongThuong, level: 'ntm', holdings: [] },
    });
  });

  it('is for the commune officer of that commune only', () => {
    spec(decider).given([]).when(open({}, actors.district)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    const err = spec(decider)
      .given([])
      .when(open({ commune: duongQuang }))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    expect(err.message).toBe('xã Dương Quang (mã 01840) nằm ngoài địa bàn phụ trách');
  });

  it('is refused to a commune officer bound to no commune, or to a province only (fails closed)', () => {
    for (const jurisdiction of [{}, { provinceCode: '06' }]) {
      const nowhere: Actor = { ...actors.commune, jurisdiction };
      spec(decider).given([]).when(open({}, nowhere)).thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    }
  });

  it('needs the district code under the 2021-2025 procedure, not under the two-tier one', () => {
    const err = spec(decider)
      .given([])
      .when(open({ commune: nongThuongTwoTier }, actors.communeTwoTier))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('commune.districtCode');
    spec(decider)
      .given([])
      .when(open({ commune: nongThuongTwoTier, procedureVersion: '2025-two-tier' }, actors.communeTwoTier))
      .thenMatch([
        { type: 'DossierOpened', data: { procedure: { version: '2025-two-tier', requiresDistrict: false } } },
        { type: 'StepOpened' },
      ]);
  });

  it('refuses nâng cao for a commune that does not hold NTM', () => {
    const err = spec(decider)
      .given([])
      .when(open({ level: 'nang-cao', holdings: [] }))
      .thenThrows('PREREQUISITE_NOT_HELD', 'rule');
    expect(err.message).toBe(
      'xã Nông Thượng chưa được công nhận đạt chuẩn nông thôn mới, chưa thể xét nông thôn mới nâng cao',
    );
    spec(decider)
      .given([])
      .when(open({ level: 'nang-cao', holdings: ['ntm'] }))
      .thenMatch([{ type: 'DossierOpened' }, { type: 'StepOpened' }]);
  });

  it('refuses kiểu mẫu for a commune that does not hold nâng cao', () => {
    spec(decider)
      .given([])
      .when(open({ level: 'kieu-mau', holdings: ['ntm'] }))
      .thenThrows('PREREQUISITE_NOT_HELD', 'rule');
    spec(decider)
      .given([])
      .when(open({ level: 'kieu-mau', holdings: ['ntm', 'nang-cao'] }))
      .thenMatch([{ type: 'DossierOpened', data: { level: 'kieu-mau' } }, { type: 'StepOpened' }]);
  });

  it('refuses a level the commune already holds', () => {
    spec(decider)
      .given([])
      .when(open({ holdings: ['ntm'] }))
      .thenThrows('ALREADY_RECOGNISED', 'rule');
  });

  // A malformed id or a blank commune name is refused at the HTTP edge (apps/api/src/dossiers/opening.dto.unit.spec.ts).
  it('names the bad field: unknown procedure version, level', () => {
    const field = (data: Record<string, unknown>) =>
      spec(decider)
        .given([])
        .when(open(data as never))
        .thenThrows('INVALID_FIELD', 'invalid').violations[0].field;
    expect(field({ procedureVersion: '2016-2020' })).toBe('procedureVersion');
    expect(field({ level: 'huyen' })).toBe('level');
  });

  it('cannot open the same dossier twice', () => {
    spec(decider).given(opened()).when(open({})).thenThrows('DOSSIER_EXISTS', 'conflict');
  });

  it('answers not-found for any other command on a dossier that does not exist', () => {
    spec(decider).given([]).when(scenario().selfAssessment).thenThrows('DOSSIER_NOT_FOUND', 'not-found');
  });
});

describe('what a commune may open (openingOptions: the opening rules as answers)', () => {
  const group = {
    provinceCode: '06',
    group: 'nhom-3' as const,
    basis: 'Quyết định 245/QĐ-UBND',
    decidedOn: '2026-02-20',
    setBy: 'cb-tinh',
    setAt: '2026-02-21T02:00:00.000Z',
  };
  /** Bắc Kạn selects xã Dương Quang to pilot "hiện đại" (Decision 51/2025/QĐ-TTg, Appendix II). */
  const pilot = {
    provinceCode: '06',
    level: 'hien-dai' as const,
    designated: true,
    basis: 'Quyết định 456/QĐ-UBND ngày 10/03/2026',
    decidedOn: '2026-03-10',
    setBy: 'cb-tinh',
    setAt: '2026-03-10T02:00:00.000Z',
  };
  const facts = (over: Partial<OpeningFacts> = {}): OpeningFacts => ({
    commune: { provinceCode: '06', name: 'xã Dương Quang' },
    today: '2026-03-02',
    holdings: { '2021-2025': [], '2026-2030': [] },
    group,
    pilots: { 'hien-dai': pilot },
    sets2026: { ntm: ntmSet2026, 'hien-dai': hienDaiSet2026 },
    openDossiers: {},
    registerProblem: null,
    ...over,
  });
  const answer = (f: OpeningFacts, version: string, level: string) =>
    openingOptions(f).find((o) => o.procedureVersion === version && o.level === level)!.problem;

  it('given the group and the national set, offers the 2026-2030 NTM dossier first, under that set', () => {
    const [first] = openingOptions(facts());
    expect(first).toEqual({
      procedureVersion: '2026-2030',
      period: '2026-2030',
      level: 'ntm',
      criteriaSet: { id: ntmSet2026.id, version: ntmSet2026.version, title: ntmSet2026.title, test: false },
      problem: null,
    });
  });

  it('explains each level that cannot be opened, in the words the opening refuses with', () => {
    expect(answer(facts({ group: null }), '2026-2030', 'ntm')?.code).toBe('COMMUNE_GROUP_MISSING');
    expect(answer(facts(), '2026-2030', 'nang-cao')).toEqual({
      code: 'LEVEL_NOT_OFFERED',
      message: 'Giai đoạn 2026-2030 chưa có bộ tiêu chí xã nông thôn mới nâng cao áp dụng cho xã Dương Quang',
    });
    const ntm2026 = { '2021-2025': [], '2026-2030': ['ntm' as const] };
    expect(answer(facts({ holdings: ntm2026 }), '2026-2030', 'ntm')?.code).toBe('ALREADY_RECOGNISED');
    expect(answer(facts(), '2026-2030', 'hien-dai')?.code).toBe('PREREQUISITE_NOT_HELD');
    expect(answer(facts({ openDossiers: { ntm: '06-2026-0001' } }), '2026-2030', 'ntm')?.message).toContain(
      'mã hồ sơ 06-2026-0001',
    );
  });

  // RULES-2026.md §1 and period-rules.ts: Decision 51/2025/QĐ-TTg is in force from 15/02/2026; no transition rule
  // was found, so (conservatively) no new 2021-2025 dossier from that day; those opened before continue.
  it('offers no 2021-2025 procedure from 15/02/2026, and says why', () => {
    const closed = openingOptions(facts()).filter((o) => o.period === '2021-2025');
    expect(closed.map((o) => `${o.procedureVersion} ${o.level}`)).toEqual([
      '2021-2025 ntm',
      '2021-2025 nang-cao',
      '2021-2025 kieu-mau',
      '2025-two-tier ntm',
      '2025-two-tier nang-cao',
      '2025-two-tier kieu-mau',
    ]);
    for (const o of closed) {
      expect(o.problem).toEqual({
        code: 'PERIOD_CLOSED',
        message:
          'Không lập hồ sơ mới theo giai đoạn 2021-2025 sau ngày 14/02/2026: Quyết định số 51/2025/QĐ-TTg ' +
          'ngày 29/12/2025 có hiệu lực từ ngày 15/02/2026. Hồ sơ đã lập trước ngày đó tiếp tục theo quy định cũ; ' +
          'hồ sơ mới lập theo giai đoạn 2026-2030',
      });
    }
  });

  it('up to 14/02/2026 the 2021-2025 procedures were offered on their own rules', () => {
    const before = facts({ today: '2025-06-30' });
    expect(answer(before, '2021-2025', 'ntm')?.code).toBe('DISTRICT_REQUIRED');
    expect(answer(before, '2025-two-tier', 'ntm')).toBeNull();
    // The district level ended on 01/07/2025: the procedure with its district stage no more, the two-tier one on.
    const twoTier = facts({ today: '2026-02-14' });
    expect(answer(twoTier, '2021-2025', 'ntm')?.code).toBe('PROCEDURE_CLOSED');
    expect(answer(twoTier, '2025-two-tier', 'ntm')).toBeNull();
  });

  // RULES-2026.md §1: the 2026-2030 set is in force from 15/02/2026 (its source's effectiveFrom).
  it('offers no dossier under a set before the day it comes into force', () => {
    expect(answer(facts({ today: '2026-02-14' }), '2026-2030', 'ntm')).toEqual({
      code: 'CRITERIA_SET_NOT_IN_FORCE',
      message: `${ntmSet2026.title} (51/2025/QĐ-TTg) có hiệu lực từ ngày 15/02/2026: chưa lập hồ sơ theo bộ tiêu chí này trước ngày đó`,
    });
    expect(answer(facts({ today: '2026-02-15' }), '2026-2030', 'ntm')).toBeNull();
  });

  // RULES-2026.md §1 (10 criteria, 47 indicators replace Decision 318's 19): a 2021-2025 recognition is not a
  // judgement against the new set, so it neither blocks 2026-2030 NTM nor opens the way to "hiện đại".
  it('a commune recognised NTM in 2021-2025 is offered NTM under 2026-2030, not the "hiện đại" pilot yet', () => {
    const ntm2021 = facts({ holdings: { '2021-2025': ['ntm'], '2026-2030': [] } });
    expect(answer(ntm2021, '2026-2030', 'ntm')).toBeNull();
    expect(answer(ntm2021, '2026-2030', 'hien-dai')?.code).toBe('PREREQUISITE_NOT_HELD');
    const ntm2026 = facts({ holdings: { '2021-2025': ['ntm'], '2026-2030': ['ntm'] } });
    expect(answer(ntm2026, '2026-2030', 'hien-dai')).toBeNull();
  });

  it('the "hiện đại" pilot is offered only to a commune its province selected for it', () => {
    const ntm2026 = { '2021-2025': [], '2026-2030': ['ntm' as const] };
    expect(answer(facts({ holdings: ntm2026 }), '2026-2030', 'hien-dai')).toBeNull();
    const notSelected = answer(facts({ holdings: ntm2026, pilots: {} }), '2026-2030', 'hien-dai');
    expect(notSelected).toEqual({
      code: 'PILOT_NOT_DESIGNATED',
      message:
        'xã Dương Quang chưa có trong danh sách xã thí điểm xây dựng xã nông thôn mới hiện đại (Quyết định ' +
        '51/2025/QĐ-TTg, Phụ lục II); xã chỉ lập hồ sơ sau khi được UBND tỉnh chọn thí điểm',
    });
    const elsewhere = { 'hien-dai': { ...pilot, provinceCode: '24' } };
    expect(answer(facts({ holdings: ntm2026, pilots: elsewhere }), '2026-2030', 'hien-dai')?.code).toBe(
      'PILOT_NOT_DESIGNATED',
    );
    // NTM is no pilot level: the selection does not matter there.
    expect(answer(facts({ pilots: {} }), '2026-2030', 'ntm')).toBeNull();
  });

  it('a commune the register refuses opens nothing of 2026-2030, for that reason', () => {
    const problem = { code: 'UNIT_MERGED', message: 'xã Dương Quang đã sáp nhập' };
    const options = openingOptions(facts({ registerProblem: problem })).filter(
      (o) => o.period === '2026-2030',
    );
    expect(options.map((o) => o.problem)).toEqual([problem, problem, problem, problem]);
  });
});

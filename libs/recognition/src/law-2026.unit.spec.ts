import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  criteriaSetHash,
  ntmSet2021,
  ntmSet2026,
  passingReports2026,
  testSet2026,
  type CriteriaSetDocument,
  type Level,
} from '@ntm/criteria';
import {
  communeRecordDecider,
  dossierCodeDecider,
  dossierSlotDecider,
  getProcedure,
  provinceProcedureDecider,
  recognitionFailures,
  recognitionUpcasters,
  surveyRuleOf,
  type CommandOf,
  type CommunePilotFact,
  type DossierEvent,
  type LoadedProvinceProcedure,
} from '@ntm/recognition';
import type { Dossier } from './state';
import {
  actors,
  at,
  command,
  communeGroup3 as group3,
  decider,
  DOSSIER_ID,
  dossierOf,
  nongThuongTwoTier,
  open2026,
  sha,
} from './testing/fixtures';
import { opened, opened2026 } from './testing/events';

/**
 * The 2026-2030 rules: Decision 51/2025/QĐ-TTg (criteria per commune group, the hiện đại pilot), Decree
 * 131/2025/NĐ-CP Art. 44 and Thông tư 13/2025/TT-BNNMT (two-tier procedure, province overrides), RULES-2026.
 */

const set = testSet2026('06');
const pinnedSet = (doc: CriteriaSetDocument = set) => ({ document: doc, hash: criteriaSetHash(doc) });

/** The dossier as the decider leaves it after opening it with `over`: what a province's procedure changes. */
const openedWith = (over: Partial<CommandOf<'OpenDossier'>['data']>) =>
  spec(decider).given([]).when(open2026(over)).stateAfter() as Dossier;

const indicators = (reports = passingReports2026(sha)) =>
  command('RecordIndicatorAssessment', { indicators: reports }, actors.communeTwoTier, at('2026-03-03'));

describe('opening a 2026-2030 dossier (Decision 51/2025/QĐ-TTg; Decree 131/2025/NĐ-CP Art. 44)', () => {
  it('pins the criteria-set document whole with its hash, the commune group and the dossier code', () => {
    const [openedEvent, step] = spec(decider)
      .given([])
      .when(open2026())
      .thenMatch([
        {
          type: 'DossierOpened',
          data: {
            code: '06-2026-0007',
            period: '2026-2030',
            criteriaSet: { id: set.id, version: 1, hash: criteriaSetHash(set), document: set },
            communeGroup: group3,
            procedure: { version: '2026-2030', requiresDistrict: false },
          },
        },
        { type: 'StepOpened', data: { step: 'commune-preparation' } },
      ]);
    expect(step).toBeDefined();
    const d = dossierOf([openedEvent, step]);
    expect(d.code).toBe('06-2026-0007');
    expect(d.criteriaSet?.document.criteria).toHaveLength(10);
    expect(d.procedure.criteria.ntm?.criteria.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Two-tier: province and commune only, no district step.
    expect(d.procedure.steps.map((s) => s.id)).toEqual([
      'commune-preparation',
      'provincial-verification',
      'provincial-appraisal',
      'decision',
      'announcement',
    ]);
    expect(d.procedure.legalBasis).toContain('131/2025/NĐ-CP');
    expect(d.procedure.legalBasis).toContain('13/2025/TT-BNNMT');
  });

  it('refuses a set before the day it comes into force (Decision 51/2025/QĐ-TTg: 15/02/2026, Vietnam time)', () => {
    const national = { criteriaSet: pinnedSet(ntmSet2026) };
    const on = (now: string) => ({ ...open2026(national), metadata: { ...open2026().metadata, now } });
    spec(decider)
      .given([])
      .when(on('2026-02-14T16:59:59.000Z'))
      .thenThrows('CRITERIA_SET_NOT_IN_FORCE', 'rule');
    spec(decider)
      .given([])
      .when(on('2026-02-14T17:00:00.000Z'))
      .thenMatch([
        { type: 'DossierOpened', data: { criteriaSet: { id: ntmSet2026.id } } },
        { type: 'StepOpened' },
      ]);
  });

  it('refuses a commune whose group the province has not set (RULES-2026 §1: the group is a fact about the commune)', () => {
    spec(decider)
      .given([])
      .when(open2026({ communeGroup: null }))
      .thenThrows('COMMUNE_GROUP_MISSING', 'rule');
    spec(decider)
      .given([])
      .when(open2026({ communeGroup: { ...group3, provinceCode: '24' } }))
      .thenThrows('COMMUNE_GROUP_MISSING', 'rule');
  });

  it('offers a level only where a set serves it: no national nâng cao for 2026-2030 (RULES-2026 §1)', () => {
    const err = spec(decider)
      .given([])
      .when(open2026({ level: 'nang-cao', holdings: ['ntm'], criteriaSet: pinnedSet(ntmSet2026) }))
      .thenThrows('LEVEL_NOT_OFFERED', 'rule');
    expect(err.message).toContain('nông thôn mới nâng cao');
    spec(decider)
      .given([])
      .when(open2026({ criteriaSet: undefined }))
      .thenThrows('LEVEL_NOT_OFFERED', 'rule');
  });

  it('opens the hiện đại pilot only for an NTM commune its province selected (Appendix II; prerequisite UNVERIFIED)', () => {
    // A province's own pilot set, with or without a pilot framework in its document: the level decides.
    const pilotSet: CriteriaSetDocument = { ...set, id: 'thu-nghiem-hien-dai', levels: ['hien-dai'] };
    const selected: CommunePilotFact = {
      provinceCode: '06',
      level: 'hien-dai',
      designated: true,
      basis: 'Quyết định 456/QĐ-UBND ngày 10/03/2026',
      decidedOn: '2026-03-10',
      setBy: 'cb-tinh',
      setAt: '2026-03-10T02:00:00.000Z',
    };
    const open = (holdings: Level[], pilot: CommunePilotFact | null) =>
      open2026({ level: 'hien-dai', holdings, criteriaSet: pinnedSet(pilotSet), pilot });
    spec(decider).given([]).when(open([], selected)).thenThrows('PREREQUISITE_NOT_HELD', 'rule');
    spec(decider)
      .given([])
      .when(open(['ntm'], null))
      .thenThrows('PILOT_NOT_DESIGNATED', 'rule');
    spec(decider)
      .given([])
      .when(open(['ntm'], { ...selected, designated: false }))
      .thenThrows('PILOT_NOT_DESIGNATED');
    spec(decider)
      .given([])
      .when(open(['ntm'], { ...selected, provinceCode: '24' }))
      .thenThrows('PILOT_NOT_DESIGNATED');
    spec(decider)
      .given([])
      .when(open(['ntm'], selected))
      .thenMatch([{ type: 'DossierOpened', data: { level: 'hien-dai' } }, { type: 'StepOpened' }]);
  });

  it('refuses a set of another province, of another period, or whose content does not match its hash', () => {
    spec(decider)
      .given([])
      .when(open2026({ criteriaSet: pinnedSet(testSet2026('24')) }))
      .thenThrows('CRITERIA_SET_OTHER_PROVINCE', 'rule');
    spec(decider)
      .given([])
      .when(
        open2026({
          criteriaSet: { document: { ...ntmSet2021, levels: ['ntm'] }, hash: criteriaSetHash(ntmSet2021) },
        }),
      )
      .thenThrows('CRITERIA_SET_WRONG_PERIOD', 'rule');
    spec(decider)
      .given([])
      .when(open2026({ criteriaSet: { document: set, hash: 'f'.repeat(64) } }))
      .thenThrows('INVALID_FIELD', 'invalid');
  });

  it('pins the built-in Decision 318 document in a 2021-2025 dossier, equal to the sets its procedure holds', () => {
    const [e] = spec(decider)
      .given([])
      .when(
        command(
          'OpenDossier',
          {
            dossierId: DOSSIER_ID,
            commune: nongThuongTwoTier,
            level: 'ntm',
            procedureVersion: '2025-two-tier',
            year: 2025,
            holdings: [],
          },
          actors.communeTwoTier,
          at('2025-03-03'),
        ),
      )
      .thenMatch([{ type: 'DossierOpened' }, { type: 'StepOpened' }]);
    expect(e).toMatchObject({
      type: 'DossierOpened',
      data: { code: null, period: '2021-2025', criteriaSet: { id: 'qd318-2022-xa-ntm' }, communeGroup: null },
    });
  });
});

describe('self-assessment per indicator (Decision 51/2025/QĐ-TTg: the system computes, the commune does not tick)', () => {
  it('computes each criterion from the indicators in the commune group: all met in group 3', () => {
    const [e] = spec(decider)
      .given(opened2026())
      .when(indicators())
      .thenMatch([
        { type: 'SelfAssessmentRecorded', data: { version: 1, group: 'nhom-3', metCount: 10, total: 10 } },
      ]) as DossierEvent[];
    const data = (e as Extract<DossierEvent, { type: 'SelfAssessmentRecorded' }>).data;
    expect(data.criteria.find((c) => c.criterion === 3)).toEqual({
      criterion: 3,
      met: true,
      value: '2/2 chỉ tiêu đạt (xã nhóm 3)',
      evidence: [sha(3), sha(4)],
    });
    expect(data.indicators?.find((i) => i.code === '3.1')).toMatchObject({
      value: 52.4,
      threshold: 50,
      met: true,
    });
  });

  it('judges the same values not met in group 1 (income 52.4 < 80; poverty 4.8% > 1%)', () => {
    const [e] = spec(decider)
      .given(opened2026({ communeGroup: { ...group3, group: 'nhom-1' } }))
      .when(indicators())
      .thenMatch([
        { type: 'SelfAssessmentRecorded', data: { group: 'nhom-1', metCount: 8 } },
      ]) as DossierEvent[];
    const data = (e as Extract<DossierEvent, { type: 'SelfAssessmentRecorded' }>).data;
    expect(data.criteria.filter((c) => !c.met).map((c) => c.criterion)).toEqual([3, 6]);
  });

  it('needs every indicator of the set, each with evidence, and no ticking of criteria', () => {
    const missing = spec(decider)
      .given(opened2026())
      .when(indicators(passingReports2026(sha).filter((r) => r.code !== '6.1')))
      .thenThrows('INDICATORS_INCOMPLETE', 'invalid');
    expect(missing.message).toContain('6.1');
    spec(decider)
      .given(opened2026())
      .when(indicators(passingReports2026(sha).map((r) => (r.code === '1.1' ? { ...r, evidence: [] } : r))))
      .thenThrows('INVALID_FIELD', 'invalid');
    spec(decider)
      .given(opened2026())
      .when(indicators(passingReports2026(sha).map((r) => (r.code === '3.1' ? { ...r, value: true } : r))))
      .thenThrows('INVALID_FIELD', 'invalid');
    spec(decider)
      .given(opened2026())
      .when(
        command(
          'RecordSelfAssessment',
          { criteria: [{ criterion: 1, met: true, value: 'Đạt', evidence: [sha(1)] }] },
          actors.communeTwoTier,
          at('2026-03-03'),
        ),
      )
      .thenThrows('INDICATOR_ASSESSMENT_REQUIRED', 'rule');
  });

  it('keeps the 2021-2025 dossier on criteria: indicator reports are refused there', () => {
    spec(decider)
      .given(opened({ version: '2025-two-tier' }))
      .when(indicators())
      .thenThrows('INDICATORS_NOT_USED', 'rule');
  });

  it('refuses recognition when a criterion computed not met stands (Regulation 18/2022, condition 1)', () => {
    const d = spec(decider)
      .given(opened2026())
      .when(indicators(passingReports2026(sha).map((r) => (r.code === '3.1' ? { ...r, value: 40 } : r))))
      .stateAfter() as Dossier;
    expect(d.assessments[0].criteria.find((c) => c.criterion === 3)?.met).toBe(false);
    expect(recognitionFailures(d)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CRITERION_NOT_MET', criterion: 3 })]),
    );
  });
});

describe("a province's own procedure over the national default (RULES-2026 §2; e.g. Nghệ An 2111/QĐ-UBND)", () => {
  const province: LoadedProvinceProcedure = {
    document: {
      provinceCode: '06',
      version: '2026-2030',
      decision: '512/QĐ-UBND',
      decidedOn: '2026-03-01',
      steps: {
        'provincial-verification': {
          limit: { amount: 10, unit: 'working-days' },
          note: 'Theo quy trình nội bộ của tỉnh',
        },
        decision: { limit: { amount: 5, unit: 'working-days' } },
      },
      communePosting: { amount: 10, unit: 'calendar-days' },
    },
    revision: 1,
    loadedAt: at('2026-03-01'),
    loadedBy: 'u-admin',
  };

  it('records the overridden steps and limits whole in the dossier at opening', () => {
    const d = openedWith({ provinceProcedure: province });
    const verification = d.procedure.steps.find((s) => s.id === 'provincial-verification')!;
    expect(verification.limit).toEqual({ amount: 10, unit: 'working-days' });
    expect(d.procedure.steps.find((s) => s.id === 'decision')!.limit).toEqual({
      amount: 5,
      unit: 'working-days',
    });
    expect(d.procedure.communePosting).toEqual({ amount: 10, unit: 'calendar-days' });
    expect(d.procedure.province).toEqual({
      provinceCode: '06',
      basis: 'Quyết định 512/QĐ-UBND ngày 01/03/2026',
      revision: 1,
    });
    // The national default is untouched.
    expect(getProcedure('2026-2030').steps.find((s) => s.id === 'provincial-verification')!.limit).toEqual({
      amount: 15,
      unit: 'working-days',
    });
  });

  it('cites what the law verified: the two-tier procedure of 2025 by Decree 131/2025 and Thông tư 13/2025; the revocation shares as not checked against Decision 03/2024', () => {
    expect(getProcedure('2025-two-tier').legalBasis).toContain(
      'Nghị định 131/2025/NĐ-CP ngày 12/06/2025 (Điều 44)',
    );
    expect(getProcedure('2025-two-tier').legalBasis).toContain('Thông tư 13/2025/TT-BNNMT');
    for (const version of ['2021-2025', '2025-two-tier', '2026-2030'] as const)
      expect(getProcedure(version).revocation.note).toContain('Quyết định 03/2024/QĐ-TTg');
  });

  it('is loaded by an administrator as an event, validated field by field', () => {
    const load = (document: unknown, actor: Actor = actors.admin) => ({
      type: 'LoadProvinceProcedure' as const,
      data: { document },
      metadata: { actor, now: at('2026-03-01') },
    });
    spec(provinceProcedureDecider)
      .given([])
      .when(load(province.document))
      .then([{ type: 'ProvinceProcedureLoaded', data: province }]);
    const err = spec(provinceProcedureDecider)
      .given([])
      .when(
        load({
          ...province.document,
          steps: { 'district-verification': { limit: { amount: 5, unit: 'days' } } },
        }),
      )
      .thenThrows('PROVINCE_PROCEDURE_INVALID', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual(['steps.district-verification']);
    spec(provinceProcedureDecider)
      .given([])
      .when(load(province.document, actors.province))
      .thenThrows('ROLE_NOT_ALLOWED');
  });
});

describe('the survey rule as data (RULES-2026 §3; Hướng dẫn 90/HD-MTTW-BTT sets the shape, provinces the figures)', () => {
  const provinceSurvey: LoadedProvinceProcedure = {
    document: {
      provinceCode: '06',
      version: '2026-2030',
      decision: '512/QĐ-UBND',
      decidedOn: '2026-03-01',
      survey: {
        windowWorkingDays: 15,
        coveragePermille: 920,
        questions: [{ question: 'c10', thresholdPermille: 980 }],
        groups: [{ questions: ['c1', 'c2', 'c3'], averagePermille: 950 }],
      },
    },
    revision: 2,
    loadedAt: at('2026-03-01'),
    loadedBy: 'u-admin',
  };

  it('takes the national rule by default: condition 2 shares, the UNVERIFIED 20-working-day window, its source', () => {
    const d = dossierOf(opened2026());
    expect(surveyRuleOf(d.procedure, 'ntm', 'overall')).toMatchObject({
      id: 'quoc-gia-2026-2030-ntm',
      source: expect.stringContaining('Hướng dẫn 90/HD-MTTW-BTT'),
      coveragePermille: 700,
      questions: [{ question: 'overall', thresholdPermille: 900 }],
      groups: [],
      windowWorkingDays: 20,
      note: expect.stringContaining('UNVERIFIED'),
    });
  });

  it("records a province's survey rule in the dossier's procedure and builds the round's rule from it", () => {
    const d = openedWith({ provinceProcedure: provinceSurvey });
    expect(surveyRuleOf(d.procedure, 'ntm', 'overall')).toEqual({
      id: 'tinh-06-r2-2026-2030-ntm',
      source: 'Quyết định 512/QĐ-UBND ngày 01/03/2026 của UBND tỉnh',
      coveragePermille: 920,
      questions: [
        { question: 'overall', thresholdPermille: 900 },
        { question: 'c10', thresholdPermille: 980 },
      ],
      groups: [{ questions: ['c1', 'c2', 'c3'], averagePermille: 950 }],
      windowWorkingDays: 15,
      note: expect.any(String),
    });
  });

  it('refuses a province survey rule field by field', () => {
    const err = spec(provinceProcedureDecider)
      .given([])
      .when({
        type: 'LoadProvinceProcedure' as const,
        data: {
          document: {
            ...provinceSurvey.document,
            survey: {
              windowWorkingDays: 0,
              questions: [{ question: '', thresholdPermille: 1200 }],
              extra: 1,
            },
          },
        },
        metadata: { actor: actors.admin, now: at('2026-03-01') },
      })
      .thenThrows('PROVINCE_PROCEDURE_INVALID', 'invalid');
    expect(err.violations.map((v) => v.field)).toEqual([
      'survey.extra',
      'survey.windowWorkingDays',
      'survey.questions[0].question',
      'survey.questions[0].thresholdPermille',
    ]);
  });

  it("judges condition 2 by the tallied round's verdict under its rule, not by the two shares alone", () => {
    const verdict = {
      id: 'tinh-06-r2-2026-2030-ntm',
      source: 'Quyết định 512/QĐ-UBND ngày 01/03/2026 của UBND tỉnh',
      failures: [
        { code: 'QUESTION_BELOW_THRESHOLD', message: 'Câu về tiêu chí 10: 95/100 hộ hài lòng, chưa đạt 98%' },
      ],
    };
    const result = (rule?: typeof verdict) =>
      command(
        'RecordSurveyResult',
        {
          households: 100,
          formsCollected: 100,
          satisfied: 99,
          source: 'survey',
          surveyId: 's-1',
          ...(rule ? { rule } : {}),
        },
        actors.frontTwoTier,
        at('2026-03-10'),
      );
    const d = spec(decider).given(opened2026()).when(result(verdict)).stateAfter() as Dossier;
    expect(d.survey?.rule).toEqual(verdict);
    expect(recognitionFailures(d)).toEqual(
      expect.arrayContaining([
        {
          code: 'QUESTION_BELOW_THRESHOLD',
          message:
            'Câu về tiêu chí 10: 95/100 hộ hài lòng, chưa đạt 98% (theo Quyết định 512/QĐ-UBND ngày 01/03/2026 của UBND tỉnh)',
        },
      ]),
    );
    const met = spec(decider)
      .given(opened2026())
      .when(result({ ...verdict, failures: [] }))
      .stateAfter() as Dossier;
    expect(recognitionFailures(met).map((f) => f.code)).not.toContain('QUESTION_BELOW_THRESHOLD');
    // Only a tallied survey carries a verdict: a hand-typed result cannot claim one.
    spec(decider)
      .given(opened2026())
      .when(
        command(
          'RecordSurveyResult',
          { households: 100, formsCollected: 100, satisfied: 99, source: 'manual', rule: verdict },
          actors.frontTwoTier,
          at('2026-03-10'),
        ),
      )
      .thenThrows('INVALID_FIELD', 'invalid');
  });
});

describe('the commune group, the dossier code and the one-open-dossier slot', () => {
  it('lets the province set the group with its basis and date (Decision 51/2025: groups 1, 2, 3)', () => {
    const set = (group: string, actor: Actor = actors.province) => ({
      type: 'SetCommuneGroup' as const,
      data: { provinceCode: '06', communeCode: '01843', group, basis: group3.basis, decidedOn: '2026-02-20' },
      metadata: { actor, now: at('2026-02-20') },
    });
    spec(communeRecordDecider)
      .given([])
      .when(set('nhom-3'))
      .then([{ type: 'CommuneGroupSet', data: group3 }]);
    spec(communeRecordDecider).given([]).when(set('nhom-4')).thenThrows('INVALID_FIELD', 'invalid');
    spec(communeRecordDecider)
      .given([])
      .when(set('nhom-3', actors.communeTwoTier))
      .thenThrows('ROLE_NOT_ALLOWED');
    spec(communeRecordDecider)
      .given([])
      .when(set('nhom-3', actors.otherProvince))
      .thenThrows('OUTSIDE_JURISDICTION');
  });

  it('numbers dossiers per province and year, and a retry for the same dossier keeps its code', () => {
    const allocate = (dossierId: string) => ({
      type: 'AllocateDossierCode' as const,
      data: { dossierId, provinceCode: '06', year: 2026 },
      metadata: { actor: actors.communeTwoTier, now: at('2026-03-02') },
    });
    const first = {
      type: 'DossierCodeAllocated' as const,
      data: { dossierId: 'a', code: '06-2026-0001', sequence: 1, allocatedAt: at('2026-03-02') },
    };
    spec(dossierCodeDecider).given([]).when(allocate('a')).then([first]);
    spec(dossierCodeDecider)
      .given([first])
      .when(allocate('b'))
      .thenMatch([{ data: { code: '06-2026-0002', sequence: 2 } }]);
    spec(dossierCodeDecider).given([first]).when(allocate('a')).thenNothingHappens();
  });

  it('holds one open dossier per commune, level and period until it is released', () => {
    const now = at('2026-03-02');
    const reserve = (dossierId: string) => ({
      type: 'ReserveDossierSlot' as const,
      data: { dossierId, communeName: 'xã Nông Thượng' },
      metadata: { actor: actors.communeTwoTier, now },
    });
    const reserved = { type: 'DossierSlotReserved' as const, data: { dossierId: 'a', reservedAt: now } };
    spec(dossierSlotDecider).given([]).when(reserve('a')).then([reserved]);
    spec(dossierSlotDecider).given([reserved]).when(reserve('a')).thenNothingHappens();
    spec(dossierSlotDecider)
      .given([reserved])
      .when(reserve('b'))
      .thenThrows('DOSSIER_ALREADY_OPEN', 'conflict');
    const released = {
      type: 'DossierSlotReleased' as const,
      data: { dossierId: 'a', reason: 'rút', releasedAt: now },
    };
    spec(dossierSlotDecider)
      .given([reserved, released])
      .when(reserve('b'))
      .thenMatch([{ data: { dossierId: 'b' } }]);
  });
});

describe('dossiers opened before the change (upcast on read, never rewritten)', () => {
  it('raises an old DossierOpened: no code, the 2021-2025 period and the Decision 318 document pinned', () => {
    const procedure = getProcedure('2021-2025');
    const old = {
      dossierId: DOSSIER_ID,
      commune: { ...nongThuongTwoTier, districtCode: '058' },
      level: 'ntm',
      year: 2025,
      holdings: [],
      procedure,
      openedAt: at('2025-03-03'),
      openedBy: 'u-xa-nt',
    };
    const [upcaster] = recognitionUpcasters;
    expect(upcaster).toMatchObject({ eventType: 'DossierOpened', fromVersion: 1 });
    const data = upcaster.upcast(JSON.parse(JSON.stringify(old)));
    expect(data).toMatchObject({
      ...old,
      code: null,
      period: '2021-2025',
      criteriaSet: { id: 'qd318-2022-xa-ntm', hash: criteriaSetHash(ntmSet2021) },
      communeGroup: null,
    });
    // Already-new events pass through unchanged.
    const fresh = opened2026()[0].data;
    expect(upcaster.upcast(fresh)).toEqual(fresh);
    // The upcast state decides as the old one did: the same 19 criteria of Decision 318.
    const d = dossierOf([{ type: 'DossierOpened', data } as DossierEvent]);
    expect(d.criteriaSet?.document.criteria).toHaveLength(19);
    expect(d.procedure).toEqual(procedure);
  });
});

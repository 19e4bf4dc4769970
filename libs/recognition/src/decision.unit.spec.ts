import { spec } from '@ntm/decider/testing';
import { criteriaSet } from '@ntm/criteria';
import type { DossierEvent } from './events';
import { upcastSubmissionV1 } from './upcasters';
import {
  actors,
  at,
  command,
  decider,
  goodKieuMau,
  scenario,
  sha,
  withProcedure,
  type ScenarioOptions,
} from './testing/fixtures';
import type { Dossier } from './state';
import { announced, appraised, granted, history, inVerification, opened, withdrawn } from './testing/events';

const everythingWrong: ScenarioOptions = {
  appraisalUnmet: [10, 17],
  councilFor: 8,
  households: 600,
  formsCollected: 400,
  satisfied: 340,
};

/**
 * The same history as if its submission had been stored before Decision 03/2024/QĐ-TTg was applied: declared
 * flags (debt outstanding, security complicated), no documents, as the upcaster raises such old events.
 */
const declaredBadly = (events: readonly DossierEvent[]): DossierEvent[] =>
  events.map((e) =>
    e.type === 'DossierSubmitted'
      ? ({
          ...e,
          data: upcastSubmissionV1({
            round: e.data.round,
            constructionDebt: true,
            securityComplicated: true,
            evidence: [sha(50)],
            documents: [],
            submittedAt: e.data.submittedAt,
          }),
        } as DossierEvent)
      : e,
  );

describe('the chairman decides', () => {
  it('grants recognition when all four conditions hold, then opens the announcement', () => {
    spec(decider)
      .given(appraised())
      .when(scenario().decide)
      .thenMatch([
        {
          type: 'RecognitionGranted',
          data: {
            communeCode: '01843',
            level: 'ntm',
            decisionNumber: '1234/QĐ-UBND',
            decidedOn: '2025-04-18',
            signer: { id: 'u-ct', name: 'Chủ tịch UBND tỉnh Bắc Kạn' },
            grantedAt: at('2025-04-18'),
          },
        },
        { type: 'StepOpened', data: { step: 'announcement', round: 1 } },
      ]);
  });

  it('refuses to recognise while any condition fails, listing every failed condition and criterion', () => {
    const err = spec(decider)
      .given(declaredBadly(appraised(everythingWrong)))
      .when(scenario().decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    expect(err.violations).toEqual([
      { code: 'CRITERION_NOT_MET', message: 'Tiêu chí 10 (Thu nhập) chưa đạt', criterion: 10 },
      {
        code: 'CRITERION_NOT_MET',
        message: 'Tiêu chí 17 (Môi trường và an toàn thực phẩm) chưa đạt',
        criterion: 17,
      },
      {
        code: 'APPRAISAL_NOT_PASSED',
        message: 'Hội đồng thẩm định không thông qua: 8/10 thành viên tán thành (80%), yêu cầu 90%',
      },
      {
        code: 'SATISFACTION_BELOW_THRESHOLD',
        message: 'Tỷ lệ người dân hài lòng 85% thấp hơn mức yêu cầu 90% đối với xã nông thôn mới',
      },
      {
        code: 'SURVEY_COVERAGE_TOO_LOW',
        message: 'Tỷ lệ hộ gia đình được lấy ý kiến 66,7% thấp hơn mức tối thiểu 70%',
      },
      { code: 'CONSTRUCTION_DEBT', message: 'Xã còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới' },
      { code: 'SECURITY_COMPLICATED', message: 'Xã thuộc diện phức tạp về an ninh, trật tự' },
    ]);
    expect(err.message).toMatch(
      /^xã Nông Thượng chưa đủ điều kiện công nhận đạt chuẩn nông thôn mới: Tiêu chí 10/,
    );
  });

  it('records a refusal with every failed condition and the chairman’s own reasons', () => {
    const when = spec(decider)
      .given(declaredBadly(appraised(everythingWrong)))
      .when(
        command(
          'RefuseRecognition',
          { decidedOn: '2025-04-18', reasons: ['Cần rà soát lại tiêu chí môi trường'] },
          actors.chairman,
          at('2025-04-18'),
        ),
      );
    const [refused] = when.thenMatch([{ type: 'RecognitionRefused' }]);
    const reasons = refused.type === 'RecognitionRefused' ? refused.data.reasons : [];
    expect(reasons.map((r) => r.code)).toEqual([
      'CRITERION_NOT_MET',
      'CRITERION_NOT_MET',
      'APPRAISAL_NOT_PASSED',
      'SATISFACTION_BELOW_THRESHOLD',
      'SURVEY_COVERAGE_TOO_LOW',
      'CONSTRUCTION_DEBT',
      'SECURITY_COMPLICATED',
      'CHAIRMAN_REASON',
    ]);
    const d = when.stateAfter() as Dossier;
    expect(d.status).toBe('refused');
    expect(d.current).toBeNull();
    expect(d.decision).toMatchObject({ outcome: 'refused', decidedOn: '2025-04-18', decisionNumber: null });
  });

  it('requires the chairman to give a reason to refuse a dossier that meets every condition', () => {
    const given = appraised();
    spec(decider)
      .given(given)
      .when(command('RefuseRecognition', { decidedOn: '2025-04-18' }, actors.chairman, at('2025-04-18')))
      .thenThrows('REASON_REQUIRED', 'rule');
    spec(decider)
      .given(given)
      .when(
        command(
          'RefuseRecognition',
          { decidedOn: '2025-04-18', reasons: ['Chưa hoàn thành chỉ tiêu nước sạch'] },
          actors.chairman,
          at('2025-04-18'),
        ),
      )
      .thenMatch([
        {
          type: 'RecognitionRefused',
          data: { reasons: [{ code: 'CHAIRMAN_REASON', message: 'Chưa hoàn thành chỉ tiêu nước sạch' }] },
        },
      ]);
  });

  it('names the bad decision date', () => {
    const err = spec(decider)
      .given(appraised())
      .when(
        command(
          'DecideRecognition',
          { decisionNumber: '1234/QĐ-UBND', decidedOn: '18/04/2025' },
          actors.chairman,
          at('2025-04-18'),
        ),
      )
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('decidedOn');
  });

  it('leaves an announced dossier recognised, no step open, with its decision and its announcement', () => {
    const d = spec(decider)
      .given(history(appraised(), granted()))
      .when(scenario().announce)
      .stateAfter() as Dossier;
    expect(d.status).toBe('recognised');
    expect(d.current).toBeNull();
    expect(d.decision).toMatchObject({
      outcome: 'granted',
      decisionNumber: '1234/QĐ-UBND',
      decidedOn: '2025-04-18',
    });
    expect(d.announcement).toEqual({
      announcedOn: '2025-04-25',
      where: 'Nhà văn hóa xã Nông Thượng',
      announcedAt: at('2025-04-25'),
    });
  });

  it('announces a granted recognition and ends the flow', () => {
    spec(decider)
      .given(history(appraised(), granted()))
      .when(scenario().announce)
      .then([
        {
          type: 'RecognitionAnnounced',
          data: {
            announcedOn: '2025-04-25',
            where: 'Nhà văn hóa xã Nông Thượng',
            announcedAt: at('2025-04-25'),
          },
        },
      ]);
    spec(decider)
      .given(history(appraised(), granted(), announced()))
      .when(scenario().announce)
      .thenThrows('STEP_NOT_ALLOWED', 'conflict');
  });
});

describe('satisfaction thresholds per level', () => {
  it('accepts NTM at exactly 90% satisfied and 70% coverage', () => {
    spec(decider)
      .given(appraised({ households: 1000, formsCollected: 700, satisfied: 630 }))
      .when(scenario().decide)
      .thenMatch([{ type: 'RecognitionGranted' }, { type: 'StepOpened' }]);
  });

  it('holds nâng cao to 95%: 94% is not enough', () => {
    const err = spec(decider)
      .given(appraised({ level: 'nang-cao', formsCollected: 500, satisfied: 470 }))
      .when(scenario({ level: 'nang-cao' }).decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    expect(err.violations).toEqual([
      {
        code: 'SATISFACTION_BELOW_THRESHOLD',
        message: 'Tỷ lệ người dân hài lòng 94% thấp hơn mức yêu cầu 95% đối với xã nông thôn mới nâng cao',
      },
    ]);
  });

  it('holds kiểu mẫu to 98%', () => {
    spec(decider)
      .given(appraised({ level: 'kieu-mau', formsCollected: 500, satisfied: 485 }))
      .when(scenario({ level: 'kieu-mau' }).decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    spec(decider)
      .given(appraised({ level: 'kieu-mau', formsCollected: 500, satisfied: 490 }))
      .when(scenario({ level: 'kieu-mau' }).decide)
      .thenMatch([{ type: 'RecognitionGranted', data: { level: 'kieu-mau' } }, { type: 'StepOpened' }]);
  });
});

describe("kiểu mẫu's extra conditions", () => {
  const kieuMau = (declaration: typeof goodKieuMau) => ({
    level: 'kieu-mau' as const,
    satisfied: 495,
    kieuMau: declaration,
  });

  it('accepts income exactly 10% above the nâng cao income standard (Decision 319/QĐ-TTg; RULES-2026 §3)', () => {
    spec(decider)
      .given(appraised(kieuMau({ ...goodKieuMau, incomePerCapita: 77, nangCaoIncomeStandard: 70 })))
      .when(scenario({ level: 'kieu-mau' }).decide)
      .thenMatch([{ type: 'RecognitionGranted' }, { type: 'StepOpened' }]);
  });

  it('asks a declaration recorded before the correction (the province’s nâng cao average) to be recorded again', () => {
    const { nangCaoIncomeStandard: _standard, ...rest } = goodKieuMau;
    const old = appraised(kieuMau(goodKieuMau)).map((e) =>
      e.type === 'SelfAssessmentRecorded'
        ? ({
            ...e,
            data: { ...e.data, kieuMau: { ...rest, provinceNangCaoAverageIncome: 60 } },
          } as DossierEvent)
        : e,
    );
    const err = spec(decider)
      .given(old)
      .when(scenario({ level: 'kieu-mau' }).decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    expect(err.violations.map((v) => v.code)).toEqual(['KIEU_MAU_INCOME_STANDARD_MISSING']);
  });

  it('lists income below 110%, no smart village and no outstanding field together', () => {
    const err = spec(decider)
      .given(
        appraised(
          kieuMau({
            ...goodKieuMau,
            incomePerCapita: 76.9,
            nangCaoIncomeStandard: 70,
            smartVillages: [],
            outstandingFields: [],
          }),
        ),
      )
      .when(scenario({ level: 'kieu-mau' }).decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    expect(err.violations).toEqual([
      {
        code: 'KIEU_MAU_INCOME_TOO_LOW',
        message:
          'Thu nhập bình quân đầu người 76,9 triệu đồng chưa cao hơn ít nhất 10% so với mức thu nhập theo tiêu chí xã nông thôn mới nâng cao (70 triệu đồng)',
      },
      { code: 'SMART_VILLAGE_MISSING', message: 'Cần ít nhất 1 mô hình thôn thông minh, mới có 0' },
      { code: 'OUTSTANDING_FIELD_MISSING', message: 'Cần ít nhất 1 lĩnh vực nổi trội, mới có 0' },
    ]);
  });

  it('uses the income factor recorded in the dossier’s procedure', () => {
    const s = scenario({ level: 'kieu-mau' });
    const events = withProcedure(appraised(kieuMau(goodKieuMau)), (p) => ({
      ...p,
      criteria: {
        ...p.criteria,
        'kieu-mau': criteriaSet('2021-2025', 'kieu-mau', { kieuMau: { incomeFactor: 1.2 } }),
      },
    }));
    const err = spec(decider).given(events).when(s.decide).thenThrows('CONDITIONS_NOT_MET');
    expect(err.violations.map((v) => v.code)).toEqual(['KIEU_MAU_INCOME_TOO_LOW']);
  });

  it('requires the declaration with the self-assessment of a kiểu mẫu dossier', () => {
    const s = scenario({ level: 'kieu-mau' });
    const { kieuMau: _omitted, ...withoutDeclaration } = s.selfAssessment.data;
    const err = spec(decider)
      .given(opened({ level: 'kieu-mau' }))
      .when(command('RecordSelfAssessment', withoutDeclaration, actors.commune, at('2025-03-04')))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('kieuMau');
  });

  it('assesses kiểu mẫu against the nâng cao criteria names', () => {
    const err = spec(decider)
      .given(appraised({ ...kieuMau(goodKieuMau), appraisalUnmet: [18] }))
      .when(scenario({ level: 'kieu-mau' }).decide)
      .thenThrows('CONDITIONS_NOT_MET');
    expect(err.violations.map((v) => v.message)).toEqual([
      'Tiêu chí 18 (Chất lượng môi trường sống) chưa đạt',
    ]);
  });
});

describe('withdrawal', () => {
  const withdraw = command(
    'WithdrawDossier',
    { reason: 'Xã xin lùi sang năm 2026' },
    actors.commune,
    at('2025-04-02'),
  );

  const before = {
    opened: () => opened(),
    submitted: () => inVerification(),
    appraised: () => appraised(),
  };
  const stepOf = {
    opened: 'commune-preparation',
    submitted: 'district-verification',
    appraised: 'decision',
  } as const;

  it.each(['opened', 'submitted', 'appraised'] as const)('is possible before the decision (%s)', (stage) => {
    const when = spec(decider).given(before[stage]()).when(withdraw);
    when.thenMatch([
      {
        type: 'DossierWithdrawn',
        data: { reason: 'Xã xin lùi sang năm 2026', withdrawnAt: at('2025-04-02') },
      },
    ]);
    const d = when.stateAfter() as Dossier;
    expect(d.status).toBe('withdrawn');
    expect(d.current).toBeNull();
    spec(decider)
      .given(history(before[stage](), withdrawn(stepOf[stage])))
      .when(scenario().selfAssessment)
      .thenThrows('STEP_NOT_ALLOWED', 'conflict');
  });

  it('is not possible once decided', () => {
    const err = spec(decider)
      .given(history(appraised(), granted()))
      .when(withdraw)
      .thenThrows('STEP_NOT_ALLOWED', 'conflict');
    expect(err.message).toBe('Không thể thực hiện "Rút hồ sơ" ở bước hiện tại: Công bố quyết định công nhận');
  });

  it('is for the commune only', () => {
    spec(decider)
      .given(inVerification())
      .when(command('WithdrawDossier', {}, actors.district, at('2025-04-02')))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});

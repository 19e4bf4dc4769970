import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import type { DossierEvent } from './events';
import type { Dossier } from './state';
import {
  actors,
  at,
  command,
  councilMember,
  decider,
  dossierOf,
  play,
  scenario,
  sha,
  submissionEvidence,
  withProcedure,
} from './testing/fixtures';
import {
  appraisalPostingClosed,
  appraisalPostingOpened,
  concluded,
  councilVoteCast,
  districtStage,
  history,
  inAppraisal,
  inVerification,
  resubmitted,
  returned,
  selfAssessed,
} from './testing/events';

/** The district's return of 28/03/2025, a reason by criterion and one by document. */
const reasons = [
  { criterion: 17, text: 'Thiếu kết quả kiểm tra an toàn thực phẩm của các cơ sở sản xuất' },
  { document: 'Biên bản họp đề nghị xét công nhận', text: 'Biên bản chưa có chữ ký của chủ trì' },
];
const returnedByDistrict = (): DossierEvent[] => returned(reasons);

/** The province's return at appraisal on 02/04/2025, for the same reasons. */
const returnedByProvince = (): DossierEvent[] => returned(reasons, at('2025-04-02'), 'provincial-appraisal');

/** Resubmitted on 08/04/2025 to the province's appraisal, 15 calendar days again. */
const resubmittedToAppraisal = () =>
  resubmitted('provincial-appraisal', {
    dueAt: '2025-04-23T16:59:59.999Z',
    limit: { amount: 15, unit: 'calendar-days' },
  });

const returnCmd = (actor: Actor = actors.district, now = at('2025-03-28')) =>
  command('ReturnForSupplementation', { reasons }, actor, now);

const resubmit = (now = at('2025-04-08')) =>
  command(
    'ResubmitDossier',
    {
      changes: 'Bổ sung kết quả kiểm tra ATTP; biên bản họp có chữ ký',
      ...submissionEvidence(),
      documents: [sha(602)],
    },
    actors.commune,
    now,
  );

describe('returning a dossier for supplementation', () => {
  it('returns in writing with reasons tied to criteria or documents, and opens the supplementation step', () => {
    spec(decider).given(inVerification()).when(returnCmd()).then(returnedByDistrict());
  });

  it('requires at least one reason, each naming a criterion or a document', () => {
    const given = inVerification();
    const reasons = (r: unknown) =>
      command('ReturnForSupplementation', { reasons: r as never }, actors.district, at('2025-03-28'));
    expect(
      spec(decider).given(given).when(reasons([])).thenThrows('INVALID_FIELD', 'invalid').violations[0].field,
    ).toBe('reasons');
    expect(
      spec(decider)
        .given(given)
        .when(reasons([{ text: 'Hồ sơ chưa đầy đủ' }]))
        .thenThrows('INVALID_FIELD').violations[0].field,
    ).toBe('reasons[0]');
    expect(
      spec(decider)
        .given(given)
        .when(reasons([{ criterion: 20, text: 'Không rõ' }]))
        .thenThrows('INVALID_FIELD').violations[0].field,
    ).toBe('reasons[0].criterion');
  });

  it('refuses a second return in the same round', () => {
    const returned = history(inVerification(), returnedByDistrict());
    const err = spec(decider)
      .given(returned)
      .when(returnCmd(actors.district, at('2025-03-29')))
      .thenThrows('ALREADY_RETURNED', 'conflict');
    expect(err.message).toContain('vòng 1');
  });

  it('resubmits as a new round back to the step that returned it, keeping every round', () => {
    const when = spec(decider).given(history(inVerification(), returnedByDistrict())).when(resubmit());
    when.then([
      {
        type: 'DossierResubmitted',
        data: {
          round: 2,
          changes: 'Bổ sung kết quả kiểm tra ATTP; biên bản họp có chữ ký',
          ...submissionEvidence(),
          evidence: [sha(600), sha(601)],
          documents: [sha(602)],
          resubmittedAt: at('2025-04-08'),
        },
      },
      {
        type: 'StepOpened',
        data: {
          step: 'district-verification',
          round: 2,
          openedAt: at('2025-04-08'),
          // 15 working days from Tuesday 08/04/2025, counting Saturday 26/04 (worked in exchange for 02/05),
          // end on Monday 28/04/2025.
          dueAt: '2025-04-28T16:59:59.999Z',
          limit: { amount: 15, unit: 'working-days' },
        },
      },
    ]);
    const d = when.stateAfter() as Dossier;
    expect(d.status).toBe('in-review');
    expect(d.round).toBe(2);
    expect(d.rounds.map((r) => [r.number, r.returned?.step ?? null, r.changes])).toEqual([
      [1, 'district-verification', null],
      [2, null, 'Bổ sung kết quả kiểm tra ATTP; biên bản họp có chữ ký'],
    ]);
  });

  it('lets the commune re-record its self-assessment while supplementing, and allows a return in the next round', () => {
    const s = scenario();
    const first = selfAssessed();
    const reRecorded = {
      ...first,
      data: { ...first.data, version: 2, round: 1, recordedAt: at('2025-04-01') },
    };
    spec(decider)
      .given(history(inVerification(), returnedByDistrict()))
      .when({ ...s.selfAssessment, metadata: { ...s.selfAssessment.metadata, now: at('2025-04-01') } })
      .then([reRecorded]);
    const supplemented = history(inVerification(), returnedByDistrict(), reRecorded, resubmitted());
    const d = dossierOf(supplemented);
    expect(d.assessments.map((a) => [a.version, a.round])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    spec(decider)
      .given(supplemented)
      .when(returnCmd(actors.district, at('2025-04-10')))
      .thenMatch([
        { type: 'DossierReturned', data: { round: 2 } },
        { type: 'StepOpened', data: { step: 'supplementation', round: 2 } },
      ]);
  });

  it('lets the province return at appraisal; resubmission goes back to the appraisal', () => {
    const returnedAtAppraisal = history(inAppraisal(), returnedByProvince());
    spec(decider)
      .given(returnedAtAppraisal)
      .when(resubmit())
      .thenMatch([
        { type: 'DossierResubmitted' },
        { type: 'StepOpened', data: { step: 'provincial-appraisal', round: 2 } },
      ]);
    const events = history(returnedAtAppraisal, resubmittedToAppraisal());
    // The new appraisal round has its own posting.
    spec(decider)
      .given(events)
      .when(command('OpenAppraisalPosting', { from: at('2025-04-09') }, actors.province, at('2025-04-09')))
      .thenMatch([{ type: 'AppraisalPostingOpened', data: { round: 2 } }]);
  });

  it('does not accept a resubmission that was not asked for', () => {
    spec(decider).given(inVerification()).when(resubmit()).thenThrows('STEP_NOT_ALLOWED', 'conflict');
  });
});

describe('verification', () => {
  // The district stage (posting, board vote) is done: what is left is the findings.
  const voted = () => history(inVerification(), districtStage());

  it('records per-criterion findings and refuses to pass a dossier with an unmet criterion', () => {
    const s = scenario();
    const findings = s.verify.data.findings.map((f) =>
      f.criterion === 10 ? { ...f, met: false, note: 'Thu nhập 38 triệu đồng' } : f,
    );
    const err = spec(decider)
      .given(voted())
      .when(command('VerifyDossier', { findings }, actors.district, at('2025-03-31')))
      .thenThrows('VERIFICATION_NOT_PASSED', 'rule');
    expect(err.violations).toEqual([
      { code: 'CRITERION_NOT_MET', message: 'Tiêu chí 10 (Thu nhập) chưa đạt', criterion: 10 },
    ]);
  });

  it('needs a finding for every criterion', () => {
    const s = scenario();
    const err = spec(decider)
      .given(voted())
      .when(
        command(
          'VerifyDossier',
          { findings: s.verify.data.findings.slice(0, 18) },
          actors.district,
          at('2025-03-31'),
        ),
      )
      .thenThrows('CRITERIA_INCOMPLETE', 'invalid');
    expect(err.violations.map((v) => v.criterion)).toEqual([19]);
  });
});

describe('provincial appraisal', () => {
  const [openPosting] = scenario().appraise;
  const postingOpen = () => history(inAppraisal(), appraisalPostingOpened());
  const posted = () => history(inAppraisal(), appraisalPostingOpened(), appraisalPostingClosed());
  const conclude = (counts: { members: number; present: number; for: number; against: number }) =>
    command('ConcludeAppraisal', { counts }, actors.province, at('2025-04-15', '11:00'));

  it('posts the appraisal report on the provincial portal for at least 10 days', () => {
    spec(decider)
      .given(inAppraisal())
      .when(openPosting)
      .then([
        {
          type: 'AppraisalPostingOpened',
          data: {
            round: 1,
            url: 'https://backan.gov.vn/thong-bao/nong-thuong',
            from: at('2025-04-01'),
            until: '2025-04-11T16:59:59.999Z',
            openedAt: at('2025-04-01'),
          },
        },
      ]);
    const opened = postingOpen();
    const running = spec(decider)
      .given(opened)
      .when(command('CloseAppraisalPosting', {}, actors.province, at('2025-04-10')))
      .thenThrows('POSTING_NOT_ENDED', 'rule');
    expect(running.message).toBe('Chưa hết thời gian niêm yết, đăng tải (đến ngày 11/04/2025)');
    spec(decider).given(opened).when(openPosting).thenThrows('APPRAISAL_POSTING_EXISTS', 'conflict');
  });

  it('records comments on the portal posting against the appraisal round', () => {
    const when = spec(decider)
      .given(postingOpen())
      .when(
        command(
          'RecordPublicComment',
          { content: 'Đồng ý với kết quả thẩm định', author: 'Bạn đọc' },
          actors.province,
          at('2025-04-03'),
        ),
      );
    when.thenMatch([{ type: 'PublicCommentRecorded', data: { posting: 'appraisal', round: 1 } }]);
    expect((when.stateAfter() as Dossier).rounds[0].appraisal.posting?.comments).toHaveLength(1);
  });

  it('accepts one vote per council member per round', () => {
    const voted = history(posted(), councilVoteCast(3, 'approve', at('2025-04-15'), 'Đạt'));
    const err = spec(decider)
      .given(voted)
      .when(command('CastCouncilVote', { vote: 'reject' }, councilMember(3), at('2025-04-15', '10:00')))
      .thenThrows('ALREADY_VOTED', 'conflict');
    expect(err.message).toBe('Thành viên Thành viên hội đồng 3 đã bỏ phiếu ở vòng thẩm định 1');
    spec(decider)
      .given(voted)
      .when(command('CastCouncilVote', { vote: 'reject' }, councilMember(4), at('2025-04-15', '10:00')))
      .thenMatch([{ type: 'CouncilVoteCast', data: { memberId: 'u-hd-4', vote: 'reject', round: 1 } }]);
  });

  it('passes when votes for reach 90% of all members', () => {
    spec(decider)
      .given(posted())
      .when(conclude({ members: 10, present: 10, for: 9, against: 1 }))
      .thenMatch([
        { type: 'AppraisalConcluded', data: { passed: true, share: 0.9, threshold: 0.9, quorum: 0.5 } },
        { type: 'StepOpened', data: { step: 'decision', round: 1 } },
      ]);
  });

  it('keeps the council’s conclusion with its round', () => {
    const d = spec(decider)
      .given(posted())
      .when(conclude({ members: 10, present: 10, for: 10, against: 0 }))
      .stateAfter() as Dossier;
    expect(d.rounds).toHaveLength(1);
    expect(d.rounds[0].appraisal.conclusion).toMatchObject({ passed: true, share: 1 });
  });

  it('does not pass below 90% of members, even when everyone present approves', () => {
    spec(decider)
      .given(posted())
      .when(conclude({ members: 10, present: 8, for: 8, against: 0 }))
      .thenMatch([
        { type: 'AppraisalConcluded', data: { passed: false, share: 0.8 } },
        { type: 'StepOpened', data: { step: 'decision' } },
      ]);
  });

  it('does not pass without a quorum, using the rule recorded when the dossier was opened', () => {
    // A province whose council passes at half of the members, with two thirds present.
    const history = withProcedure(posted(), (p) => ({
      ...p,
      appraisalCouncil: { threshold: 0.5, quorum: 2 / 3 },
    }));
    spec(decider)
      .given(history)
      .when(conclude({ members: 9, present: 5, for: 5, against: 0 }))
      .thenMatch([
        { type: 'AppraisalConcluded', data: { passed: false, quorum: 2 / 3 } },
        { type: 'StepOpened' },
      ]);
    spec(decider)
      .given(history)
      .when(conclude({ members: 9, present: 6, for: 5, against: 1 }))
      .thenMatch([{ type: 'AppraisalConcluded', data: { passed: true } }, { type: 'StepOpened' }]);
  });

  it('refuses counts that contradict themselves or the recorded ballots', () => {
    const given = history(posted(), councilVoteCast(1));
    const field = (counts: { members: number; present: number; for: number; against: number }) =>
      spec(decider).given(given).when(conclude(counts)).thenThrows('INVALID_FIELD', 'invalid').violations[0]
        .field;
    expect(field({ members: 10, present: 11, for: 9, against: 0 })).toBe('counts.present');
    expect(field({ members: 10, present: 9, for: 9, against: 1 })).toBe('counts.for');
    expect(field({ members: 10, present: 10, for: 0, against: 10 })).toBe('counts.for');
  });

  it('concludes only after the portal posting has closed', () => {
    spec(decider)
      .given(postingOpen())
      .when(conclude({ members: 10, present: 10, for: 10, against: 0 }))
      .thenThrows('APPRAISAL_POSTING_NOT_CLOSED', 'rule');
  });

  it("lets the council's findings supersede the verification's", () => {
    const err = spec(decider)
      .given(history(posted(), concluded({ appraisalUnmet: [17] })))
      .when(scenario().decide)
      .thenThrows('CONDITIONS_NOT_MET', 'rule');
    expect(err.violations.map((v) => v.message)).toEqual([
      'Tiêu chí 17 (Môi trường và an toàn thực phẩm) chưa đạt',
    ]);
  });
});

describe('the given events of the returns above', () => {
  it('are what the decider records', () => {
    expect(history(inVerification(), returnedByDistrict(), resubmitted())).toEqual(
      play([returnCmd(), resubmit()], inVerification()),
    );
    expect(history(inAppraisal(), returnedByProvince(), resubmittedToAppraisal())).toEqual(
      play([returnCmd(actors.province, at('2025-04-02')), resubmit()], inAppraisal()),
    );
  });
});

import {
  criteriaSetHash,
  kieuMauSet2021,
  nangCaoSet2021,
  ntmSet2021,
  testSet2026,
  toCriteriaSet,
} from '@ntm/criteria';
import type { CriteriaSetDocument, Level } from '@ntm/criteria';
import type { TimeLimit } from '@ntm/calendar';
import type { Violation } from '@ntm/decider';
import type { CriterionFinding } from '../commands';
import type { CommuneGroupFact } from '../commune-record';
import type { DossierEvent, EventOf } from '../events';
import type { StepId } from '../procedure-types';
import { getProcedure } from '../procedures';
import {
  at,
  communeGroup3,
  councilMember,
  DOSSIER_ID,
  goodKieuMau,
  nongThuong,
  nongThuongTwoTier,
  sha,
  submissionEvidence,
} from './fixtures';
import type { ScenarioOptions } from './fixtures';

/**
 * The events of xã Nông Thượng's 2021-2025 dossier, one builder per fact, for the `given` of a specification:
 * `given(history(opened(), preparation(), submitted()))`. They are the events the decider records for the
 * commands of `scenario()` with the same options (fixtures.unit.spec.ts holds them to it).
 */

/** One list from events and lists of events, in order. */
export const history = (...facts: readonly (DossierEvent | readonly DossierEvent[])[]): DossierEvent[] =>
  facts.flat();

const criteriaOf = (level: Level) => getProcedure('2021-2025').criteria[level]!.criteria;
const documents = { ntm: ntmSet2021, 'nang-cao': nangCaoSet2021, 'kieu-mau': kieuMauSet2021 } as const;
const defaultHoldings: Record<Level, Level[]> = {
  ntm: [],
  'nang-cao': ['ntm'],
  'kieu-mau': ['ntm', 'nang-cao'],
  'hien-dai': ['ntm'],
};

const workingDays15: TimeLimit = { amount: 15, unit: 'working-days' };
const calendarDays15: TimeLimit = { amount: 15, unit: 'calendar-days' };

export const stepOpened = (
  step: StepId,
  openedAt: string,
  o: { round?: number; dueAt?: string | null; limit?: TimeLimit | null } = {},
): EventOf<'StepOpened'> => ({
  type: 'StepOpened',
  data: { step, round: o.round ?? 1, openedAt, dueAt: o.dueAt ?? null, limit: o.limit ?? null },
});

const twoTier = (o: ScenarioOptions) => o.version === '2025-two-tier';

/** Opened by the commune on Monday 03/03/2025 (2021-2025, or the two-tier procedure of 2025); its preparation opens. */
export const opened = (o: ScenarioOptions = {}): DossierEvent[] => {
  const level = o.level ?? 'ntm';
  const document = documents[level as keyof typeof documents];
  return [
    {
      type: 'DossierOpened',
      data: {
        dossierId: DOSSIER_ID,
        commune: o.commune ?? (twoTier(o) ? nongThuongTwoTier : nongThuong),
        level,
        year: 2025,
        holdings: o.holdings ?? defaultHoldings[level],
        procedure: getProcedure(o.version ?? '2021-2025'),
        openedAt: at('2025-03-03'),
        openedBy: 'u-xa-nt',
        code: null,
        period: '2021-2025',
        criteriaSet: {
          id: document.id,
          version: document.version,
          hash: criteriaSetHash(document),
          document,
        },
        communeGroup: null,
      },
    },
    stepOpened('commune-preparation', at('2025-03-03')),
  ];
};

/**
 * Opened by the commune on Monday 02/03/2026 under the 2026-2030 rules and the national procedure, as dossier
 * 06-2026-0007, with Bắc Kạn's test set pinned whole and the commune's group; its preparation opens.
 */
export const opened2026 = (
  o: { communeGroup?: CommuneGroupFact; criteriaSet?: CriteriaSetDocument } = {},
): DossierEvent[] => {
  const document = o.criteriaSet ?? testSet2026('06');
  return [
    {
      type: 'DossierOpened',
      data: {
        dossierId: DOSSIER_ID,
        commune: nongThuongTwoTier,
        level: 'ntm',
        year: 2026,
        holdings: [],
        // The national procedure with the pinned set's criteria in place of its own.
        procedure: { ...getProcedure('2026-2030'), criteria: { ntm: toCriteriaSet(document, 'ntm') } },
        openedAt: at('2026-03-02'),
        openedBy: 'u-xa-nt',
        code: '06-2026-0007',
        period: '2026-2030',
        criteriaSet: {
          id: document.id,
          version: document.version,
          hash: criteriaSetHash(document),
          document,
        },
        communeGroup: o.communeGroup ?? communeGroup3,
      },
    },
    stepOpened('commune-preparation', at('2026-03-02')),
  ];
};

/** Every criterion of the level met with its evidence, but those in `unmet`. */
export const selfAssessed = (o: ScenarioOptions = {}): EventOf<'SelfAssessmentRecorded'> => {
  const level = o.level ?? 'ntm';
  const unmet = new Set(o.unmet ?? []);
  const criteria = criteriaOf(level).map((c) =>
    unmet.has(c.number)
      ? { criterion: c.number, met: false, value: 'Chưa đạt', evidence: [] }
      : { criterion: c.number, met: true, value: 'Đạt', evidence: [sha(c.number)] },
  );
  return {
    type: 'SelfAssessmentRecorded',
    data: {
      version: 1,
      round: 1,
      criteria,
      kieuMau: level === 'kieu-mau' ? (o.kieuMau ?? goodKieuMau) : null,
      report: null,
      metCount: criteria.filter((c) => c.met).length,
      total: criteria.length,
      recordedAt: at('2025-03-03', '10:00'),
    },
  };
};

/** Posted at the commune from 03/03 for 15 days. */
export const communePostingOpened = (): EventOf<'PublicPostingOpened'> => ({
  type: 'PublicPostingOpened',
  data: {
    postingNo: 1,
    where: ['Trụ sở UBND xã', 'Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã'],
    from: at('2025-03-03', '10:00'),
    until: '2025-03-18T16:59:59.999Z',
    openedAt: at('2025-03-03', '10:00'),
  },
});

/** Closed on 19/03 with no comment. */
export const communePostingClosed = (): EventOf<'PublicPostingClosed'> => ({
  type: 'PublicPostingClosed',
  data: { postingNo: 1, comments: 0, closedAt: at('2025-03-19', '08:00') },
});

/** The Front's survey, entered by hand on 20/03 (600 households, 500 forms, 490 satisfied unless told). */
export const surveyed = (o: ScenarioOptions = {}): EventOf<'SurveyResultRecorded'> => {
  const households = o.households ?? 600;
  const formsCollected = o.formsCollected ?? 500;
  const satisfied = o.satisfied ?? 490;
  return {
    type: 'SurveyResultRecorded',
    data: {
      households,
      formsCollected,
      satisfied,
      participationRate: formsCollected / households,
      satisfactionRate: satisfied / formsCollected,
      perQuestion: [],
      source: 'manual',
      surveyId: null,
      report: null,
      recordedAt: at('2025-03-20'),
    },
  };
};

/** 37 of 37 voted for at the commune's meeting on 21/03. */
export const meetingHeld = (): EventOf<'CommuneMeetingHeld'> => ({
  type: 'CommuneMeetingHeld',
  data: {
    attendees: 37,
    votesFor: 37,
    votesAgainst: 0,
    share: 1,
    threshold: 0.9,
    minutes: sha(500),
    heldAt: at('2025-03-21'),
  },
});

/** The commune's preparation: self-assessment, posting, survey, meeting. */
export const preparation = (o: ScenarioOptions = {}): DossierEvent[] =>
  history(selfAssessed(o), communePostingOpened(), communePostingClosed(), surveyed(o), meetingHeld());

/** Submitted on Monday 24/03/2025; the district's verification (the province's, two-tier) opens for 15 working days. */
export const submitted = (o: ScenarioOptions = {}): DossierEvent[] => {
  const evidence = submissionEvidence(o);
  return [
    {
      type: 'DossierSubmitted',
      data: {
        round: 1,
        ...evidence,
        evidence: [...evidence.securityCertificate.evidence, ...evidence.debtConfirmation.evidence],
        documents: [],
        submittedAt: at('2025-03-24'),
      },
    },
    stepOpened(twoTier(o) ? 'provincial-verification' : 'district-verification', at('2025-03-24'), {
      dueAt: '2025-04-15T16:59:59.999Z',
      limit: workingDays15,
    }),
  ];
};

/** Returned for supplementation with its reasons; the supplementation step opens. */
export const returned = (
  reasons: EventOf<'DossierReturned'>['data']['reasons'],
  returnedAt = at('2025-03-28'),
  step: StepId = 'district-verification',
): DossierEvent[] => [
  { type: 'DossierReturned', data: { round: 1, step, reasons, returnedAt } },
  stepOpened('supplementation', returnedAt),
];

/** The reminder that `step` is nearly due: `workingDaysLeft` working days before its due date. */
export const stepDeadlineNear = (
  step: StepId,
  o: { dueAt: string; workingDaysLeft: number; remindedAt: string; round?: number },
): EventOf<'StepDeadlineNear'> => ({
  type: 'StepDeadlineNear',
  data: {
    step,
    round: o.round ?? 1,
    dueAt: o.dueAt,
    workingDaysLeft: o.workingDaysLeft,
    remindedAt: o.remindedAt,
  },
});

/** `step` marked past its due date. */
export const stepOverdue = (
  step: StepId,
  o: { dueAt: string; markedAt: string; round?: number },
): EventOf<'StepOverdue'> => ({
  type: 'StepOverdue',
  data: { step, round: o.round ?? 1, dueAt: o.dueAt, markedAt: o.markedAt },
});

/**
 * Resubmitted on 08/04/2025 with the changes made, as round 2, back to the step that returned it (`step`, by
 * default the district's verification: 15 working days, to 28/04/2025).
 */
export const resubmitted = (
  step: StepId = 'district-verification',
  o: { dueAt: string | null; limit: TimeLimit | null } = {
    dueAt: '2025-04-28T16:59:59.999Z',
    limit: workingDays15,
  },
): DossierEvent[] => {
  const evidence = submissionEvidence();
  return [
    {
      type: 'DossierResubmitted',
      data: {
        round: 2,
        changes: 'Bổ sung kết quả kiểm tra ATTP; biên bản họp có chữ ký',
        ...evidence,
        evidence: [...evidence.securityCertificate.evidence, ...evidence.debtConfirmation.evidence],
        documents: [sha(602)],
        resubmittedAt: at('2025-04-08'),
      },
    },
    stepOpened(step, at('2025-04-08'), { round: 2, ...o }),
  ];
};

export const districtPostingOpened = (): EventOf<'DistrictPostingOpened'> => ({
  type: 'DistrictPostingOpened',
  data: {
    round: 1,
    report: sha(700),
    where: ['Cổng thông tin điện tử thành phố Bắc Kạn'],
    from: at('2025-03-10'),
    until: '2025-03-25T16:59:59.999Z',
    openedAt: at('2025-03-25'),
  },
});

export const districtPostingClosed = (): EventOf<'DistrictPostingClosed'> => ({
  type: 'DistrictPostingClosed',
  data: { round: 1, comments: 0, closedAt: at('2025-03-26') },
});

/**
 * The district's steering board, 14 of its 15 members present: 14 for (unless told) on 27/03 (unless told); it
 * passes with 90% of the members for.
 */
export const districtBoardVoted = (
  o: { votesFor?: number; heldAt?: string } = {},
): EventOf<'DistrictBoardVoted'> => {
  const votesFor = o.votesFor ?? 14;
  return {
    type: 'DistrictBoardVoted',
    data: {
      round: 1,
      counts: { members: 15, present: 14, for: votesFor, against: 14 - votesFor },
      share: votesFor / 15,
      threshold: 0.9,
      quorum: 0.5,
      passed: votesFor / 15 >= 0.9,
      minutes: sha(701),
      heldAt: o.heldAt ?? at('2025-03-27'),
    },
  };
};

/** The district's report posted and its steering board's vote (2021-2025). */
export const districtStage = (): DossierEvent[] => [
  districtPostingOpened(),
  districtPostingClosed(),
  districtBoardVoted(),
];

const allMet = (level: Level): CriterionFinding[] =>
  criteriaOf(level).map((c) => ({ criterion: c.number, met: true }));

/** The district finds every criterion met on 31/03; the province's appraisal opens for 15 days. */
export const verified = (o: ScenarioOptions = {}): DossierEvent[] => [
  {
    type: 'VerificationPassed',
    data: {
      round: 1,
      step: 'district-verification',
      findings: allMet(o.level ?? 'ntm'),
      report: null,
      verifiedAt: at('2025-03-31'),
    },
  },
  stepOpened('provincial-appraisal', at('2025-03-31'), {
    dueAt: '2025-04-15T16:59:59.999Z',
    limit: calendarDays15,
  }),
];

export const appraisalPostingOpened = (): EventOf<'AppraisalPostingOpened'> => ({
  type: 'AppraisalPostingOpened',
  data: {
    round: 1,
    url: 'https://backan.gov.vn/thong-bao/nong-thuong',
    from: at('2025-04-01'),
    until: '2025-04-11T16:59:59.999Z',
    openedAt: at('2025-04-01'),
  },
});

export const appraisalPostingClosed = (): EventOf<'AppraisalPostingClosed'> => ({
  type: 'AppraisalPostingClosed',
  data: { round: 1, comments: 0, closedAt: at('2025-04-14', '08:00') },
});

export const councilVoteCast = (
  member: number,
  vote: 'approve' | 'reject' = 'approve',
  castAt = at('2025-04-15'),
  note: string | null = null,
): EventOf<'CouncilVoteCast'> => ({
  type: 'CouncilVoteCast',
  data: { round: 1, memberId: `u-hd-${member}`, memberName: councilMember(member).name!, vote, note, castAt },
});

/**
 * The council of 10, all present, concludes on 15/04 (all for unless `councilFor`; findings only when
 * `appraisalUnmet` names criteria it finds not met); the decision step opens.
 */
export const concluded = (o: ScenarioOptions = {}): DossierEvent[] => {
  const councilFor = o.councilFor ?? 10;
  const findings = o.appraisalUnmet
    ? allMet(o.level ?? 'ntm').map((f) => ({ ...f, met: !o.appraisalUnmet!.includes(f.criterion) }))
    : null;
  return [
    {
      type: 'AppraisalConcluded',
      data: {
        round: 1,
        passed: councilFor >= 9,
        counts: { members: 10, present: 10, for: councilFor, against: 10 - councilFor },
        share: councilFor / 10,
        threshold: 0.9,
        quorum: 0.5,
        findings,
        minutes: null,
        concludedAt: at('2025-04-15', '11:00'),
      },
    },
    stepOpened('decision', at('2025-04-15', '11:00')),
  ];
};

/** The province's appraisal: portal posting, one member's ballot, the council's conclusion. */
export const appraisal = (o: ScenarioOptions = {}): DossierEvent[] =>
  history(appraisalPostingOpened(), appraisalPostingClosed(), councilVoteCast(1), concluded(o));

/** The chairman recognises the commune by Decision 1234/QĐ-UBND of 18/04/2025; the announcement opens. */
export const granted = (o: ScenarioOptions = {}): DossierEvent[] => [
  {
    type: 'RecognitionGranted',
    data: {
      dossierId: DOSSIER_ID,
      communeCode: (o.commune ?? nongThuong).communeCode,
      level: o.level ?? 'ntm',
      period: '2021-2025',
      decisionNumber: '1234/QĐ-UBND',
      decidedOn: '2025-04-18',
      signer: { id: 'u-ct', name: 'Chủ tịch UBND tỉnh Bắc Kạn' },
      grantedAt: at('2025-04-18'),
    },
  },
  stepOpened('announcement', at('2025-04-18')),
];

/**
 * The chairman refuses recognition on 18/04/2025 (by the letter `decisionNumber`, unless none): `reasons` are every
 * failed condition and criterion, then the chairman's own.
 */
export const refused = (
  reasons: readonly Violation[],
  decisionNumber: string | null = null,
): EventOf<'RecognitionRefused'> => ({
  type: 'RecognitionRefused',
  data: {
    dossierId: DOSSIER_ID,
    reasons,
    decisionNumber,
    decidedOn: '2025-04-18',
    signer: { id: 'u-ct', name: 'Chủ tịch UBND tỉnh Bắc Kạn' },
    refusedAt: at('2025-04-18'),
  },
});

/** The council split 5 to 5: the chairman refuses by letter 88/UBND-NNMT, adding a reason of his own. */
export const refusedByLetter = (): EventOf<'RecognitionRefused'> =>
  refused(
    [
      {
        code: 'APPRAISAL_NOT_PASSED',
        message: 'Hội đồng thẩm định không thông qua: 5/10 thành viên tán thành (50%), yêu cầu 90%',
      },
      { code: 'CHAIRMAN_REASON', message: 'Hồ sơ chưa bảo đảm tính xác thực.' },
    ],
    '88/UBND-NNMT',
  );

/** The commune withdraws its dossier on 02/04/2025 at `step`, to try again in 2026. */
export const withdrawn = (step: StepId): EventOf<'DossierWithdrawn'> => ({
  type: 'DossierWithdrawn',
  data: { reason: 'Xã xin lùi sang năm 2026', step, withdrawnAt: at('2025-04-02') },
});

/** The district finds the dossier not eligible on 28/03/2025, with its reasons and report. */
export const foundNotEligible = (
  reasons: EventOf<'DossierFoundNotEligible'>['data']['reasons'],
): EventOf<'DossierFoundNotEligible'> => ({
  type: 'DossierFoundNotEligible',
  data: { round: 1, step: 'district-verification', reasons, report: sha(702), decidedAt: at('2025-03-28') },
});

export const announced = (): EventOf<'RecognitionAnnounced'> => ({
  type: 'RecognitionAnnounced',
  data: { announcedOn: '2025-04-25', where: 'Nhà văn hóa xã Nông Thượng', announcedAt: at('2025-04-25') },
});

// The stages the specifications start from, as the facts above.

/** Submitted on 24/03/2025: the district verifies it. */
export const inVerification = (o: ScenarioOptions = {}): DossierEvent[] =>
  history(opened(o), preparation(o), submitted(o));

/** Verified on 31/03/2025: the province appraises it. */
export const inAppraisal = (o: ScenarioOptions = {}): DossierEvent[] =>
  history(inVerification(o), districtStage(), verified(o));

/** Appraised by the province's council: what the chairman decides on. */
export const appraised = (o: ScenarioOptions = {}): DossierEvent[] => history(inAppraisal(o), appraisal(o));

/** Recognised by Decision 1234/QĐ-UBND and announced on 25/04/2025. */
export const recognised = (o: ScenarioOptions = {}): DossierEvent[] =>
  history(appraised(o), granted(o), announced());

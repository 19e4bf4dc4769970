import type { ConditionEvidence } from './evidence-conditions';
import { districtComment, evolveDistrictStage } from './district-stage';
import type { DossierEvent } from './events';
import { periodOf } from './procedure-types';
import { isOpened, updateRound, type Dossier, type DossierState, type Round, type StepRecord } from './state';

const updateAppraisal = (
  d: Dossier,
  number: number,
  change: (a: Round['appraisal']) => Round['appraisal'],
): Dossier => updateRound(d, number, (r) => ({ ...r, appraisal: change(r.appraisal) }));

const updateLastPosting = (
  d: Dossier,
  change: (p: Dossier['postings'][number]) => Dossier['postings'][number],
): Dossier => ({
  ...d,
  postings: d.postings.map((p, i) => (i === d.postings.length - 1 ? change(p) : p)),
});

const updateLastRevocation = (
  d: Dossier,
  change: (c: Dossier['revocations'][number]) => Dossier['revocations'][number],
): Dossier => ({
  ...d,
  revocations: d.revocations.map((c, i) => (i === d.revocations.length - 1 ? change(c) : c)),
});

const newRound = (
  number: number,
  at: string,
  changes: string | null,
  data: ConditionEvidence & Pick<Round, 'evidence' | 'documents'>,
): Round => ({
  number,
  submittedAt: at,
  changes,
  securityCertificate: data.securityCertificate ?? null,
  debtConfirmation: data.debtConfirmation ?? null,
  ...(data.constructionDebt === undefined ? {} : { constructionDebt: data.constructionDebt }),
  ...(data.securityComplicated === undefined ? {} : { securityComplicated: data.securityComplicated }),
  evidence: data.evidence,
  documents: data.documents,
  verification: null,
  appraisal: { posting: null, votes: [], conclusion: null },
  district: { posting: null, vote: null },
  returned: null,
  notEligible: null,
});

/** Ends the flow: no step waits for anyone any more. */
const ended = (d: Dossier, status: Dossier['status']): Dossier => ({ ...d, status, current: null });

export const evolve = (state: DossierState, event: DossierEvent): DossierState => {
  if (event.type === 'DossierOpened') {
    const e = event.data;
    return {
      status: 'preparing',
      id: e.dossierId,
      commune: e.commune,
      level: e.level,
      year: e.year,
      holdings: e.holdings,
      code: e.code ?? null,
      period: e.period ?? periodOf(e.procedure),
      procedure: e.procedure,
      criteriaSet: e.criteriaSet ?? null,
      communeGroup: e.communeGroup ?? null,
      openedAt: e.openedAt,
      openedBy: e.openedBy,
      current: null,
      steps: [],
      round: 1,
      rounds: [],
      assessments: [],
      postings: [],
      survey: null,
      meeting: null,
      decision: null,
      announcement: null,
      withdrawal: null,
      revocations: [],
      annualReviews: [],
    };
  }
  // Events only follow DossierOpened; anything else on an unopened stream is ignored rather than invented.
  if (!isOpened(state)) return state;
  const d = state;
  switch (event.type) {
    case 'StepOpened': {
      const step: StepRecord = { ...event.data, overdue: false, overdueAt: null, remindedAt: null };
      return { ...d, current: step, steps: [...d.steps, step] };
    }
    case 'StepDeadlineNear': {
      const { step, round, remindedAt } = event.data;
      const mark = (s: StepRecord): StepRecord =>
        s.step === step && s.round === round ? { ...s, remindedAt } : s;
      return { ...d, current: d.current && mark(d.current), steps: d.steps.map(mark) };
    }
    case 'StepOverdue': {
      const { step, round, markedAt } = event.data;
      const mark = (s: StepRecord): StepRecord =>
        s.step === step && s.round === round ? { ...s, overdue: true, overdueAt: markedAt } : s;
      return { ...d, current: d.current && mark(d.current), steps: d.steps.map(mark) };
    }
    case 'SelfAssessmentRecorded':
      return { ...d, assessments: [...d.assessments, event.data] };
    case 'PublicPostingOpened':
      return { ...d, postings: [...d.postings, { ...event.data, closedAt: null, comments: [] }] };
    case 'PublicCommentRecorded': {
      const { posting, round, author, content, receivedAt, recordedAt } = event.data;
      const comment = { author, content, receivedAt, recordedAt };
      if (posting === 'commune')
        return updateLastPosting(d, (p) => ({ ...p, comments: [...p.comments, comment] }));
      if (posting === 'district') return districtComment(d, round, comment);
      return updateAppraisal(d, round, (a) => ({
        ...a,
        posting: a.posting && { ...a.posting, comments: [...a.posting.comments, comment] },
      }));
    }
    case 'PublicPostingClosed':
      return updateLastPosting(d, (p) => ({ ...p, closedAt: event.data.closedAt }));
    case 'SurveyResultRecorded':
      return { ...d, survey: event.data };
    case 'CommuneMeetingHeld':
      return { ...d, meeting: event.data };
    case 'DossierSubmitted': {
      const { round, submittedAt } = event.data;
      return {
        ...d,
        status: 'in-review',
        round,
        rounds: [...d.rounds, newRound(round, submittedAt, null, event.data)],
      };
    }
    case 'VerificationPassed': {
      const { round, ...verification } = event.data;
      return updateRound(d, round, (r) => ({ ...r, verification }));
    }
    case 'DossierReturned': {
      const { round, ...returned } = event.data;
      return { ...updateRound(d, round, (r) => ({ ...r, returned })), status: 'returned' };
    }
    case 'DossierResubmitted': {
      const { round, resubmittedAt, changes } = event.data;
      return {
        ...d,
        status: 'in-review',
        round,
        rounds: [...d.rounds, newRound(round, resubmittedAt, changes, event.data)],
      };
    }
    case 'DistrictPostingOpened':
    case 'DistrictPostingClosed':
    case 'DistrictBoardVoted':
    case 'DossierFoundNotEligible':
      return evolveDistrictStage(d, event);
    case 'AppraisalPostingOpened': {
      const { round, ...posting } = event.data;
      return updateAppraisal(d, round, (a) => ({
        ...a,
        posting: { ...posting, closedAt: null, comments: [] },
      }));
    }
    case 'AppraisalPostingClosed': {
      const { round, closedAt } = event.data;
      return updateAppraisal(d, round, (a) => ({ ...a, posting: a.posting && { ...a.posting, closedAt } }));
    }
    case 'CouncilVoteCast': {
      const { round, ...vote } = event.data;
      return updateAppraisal(d, round, (a) => ({ ...a, votes: [...a.votes, vote] }));
    }
    case 'AppraisalConcluded': {
      const { round, ...conclusion } = event.data;
      return updateAppraisal(d, round, (a) => ({ ...a, conclusion }));
    }
    case 'RecognitionGranted': {
      const { decisionNumber, decidedOn, signer, grantedAt } = event.data;
      return {
        ...d,
        status: 'recognised',
        decision: { outcome: 'granted', decisionNumber, decidedOn, signer, at: grantedAt },
      };
    }
    case 'RecognitionRefused': {
      const { decisionNumber, decidedOn, signer, reasons, refusedAt } = event.data;
      return {
        ...ended(d, 'refused'),
        decision: { outcome: 'refused', decisionNumber, decidedOn, signer, reasons, at: refusedAt },
      };
    }
    case 'RecognitionAnnounced':
      return { ...d, current: null, announcement: event.data };
    case 'DossierWithdrawn':
      return {
        ...ended(d, 'withdrawn'),
        withdrawal: { reason: event.data.reason, withdrawnAt: event.data.withdrawnAt },
      };
    case 'AnnualReviewRecorded':
      return {
        ...d,
        annualReviews: [...d.annualReviews.filter((r) => r.year !== event.data.year), event.data].sort(
          (a, b) => a.year - b.year,
        ),
      };
    case 'RevocationProposed':
      return { ...d, revocations: [...d.revocations, { ...event.data, assessment: null, revoked: null }] };
    case 'RevocationAssessed': {
      const assessed = updateLastRevocation(d, (c) => ({ ...c, assessment: event.data }));
      // When revocation is not due the case closes here; the recognition stands.
      return event.data.due ? assessed : { ...assessed, current: null };
    }
    case 'RecognitionRevoked': {
      const { decisionNumber, decidedOn, signer, revokedAt } = event.data;
      return updateLastRevocation(ended(d, 'revoked'), (c) => ({
        ...c,
        revoked: { decisionNumber, decidedOn, signer, at: revokedAt },
      }));
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

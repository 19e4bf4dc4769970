import { levelLabels } from '@ntm/criteria';
import { conflict } from '@ntm/decider';
import { stepLabels, statusLabels, type Dossier } from '@ntm/recognition';
import type { BatchRow, SurveyRoundRow } from '@ntm/read-models';
import {
  compareEntries,
  participation,
  participationOfTally,
  type BatchDifference,
  type BatchEntry,
  type OpenedSurvey,
  type PaperBatch,
  type Participation,
  type Register,
  type SurveyPeriod,
  type SurveyQuestions,
  type SurveyRule,
  type SurveyStatus,
  type SurveyTally,
} from '@ntm/survey';

export type BatchEntryView = Pick<BatchEntry, 'entryNo' | 'enteredBy' | 'enteredByName' | 'forms'>;

/** Two officers' entries of a batch that disagree, with every differing figure. */
export interface BatchMismatchView {
  readonly earlier: BatchEntryView;
  readonly later: BatchEntryView;
  readonly differences: readonly BatchDifference[];
}

export interface BatchView extends Pick<PaperBatch, 'batchId' | 'village' | 'status'> {
  /** Each officer's current entry. */
  readonly entries: readonly BatchEntryView[];
  /** The forms that count, once two entries agree. */
  readonly acceptedForms: number | null;
  readonly mismatches: readonly BatchMismatchView[];
}

export interface SurveyView {
  readonly surveyId: string;
  readonly dossierId: string;
  readonly round: number;
  readonly status: SurveyStatus;
  readonly version: number;
  readonly location: OpenedSurvey['location'];
  readonly questions: SurveyQuestions;
  readonly period: SurveyPeriod;
  /** The rule the round is judged by (coverage, thresholds per question, group averages, window); null before rules were data. */
  readonly rule: SurveyRule | null;
  /** The last instant the rule's window allows. */
  readonly windowEndsAt: string | null;
  readonly register: Register | null;
  /** How many households have answered so far, overall and per village: never what they answered. */
  readonly participation: Participation;
  /**
   * The answers, once the survey is closed (the result fixed at closing). Null while it is open: a running
   * tally read between two ballots would tell what the second household answered.
   */
  readonly tally: SurveyTally | null;
  readonly batches: readonly BatchView[];
  readonly posting: {
    readonly from: string;
    readonly until: string;
    readonly places: readonly string[];
  } | null;
}

const entryView = ({ entryNo, enteredBy, enteredByName, forms }: BatchEntryView): BatchEntryView => ({
  entryNo,
  enteredBy,
  ...(enteredByName ? { enteredByName } : {}),
  forms,
});

/**
 * A batch as shown: its current entries and, when disputed, every pair of them in entry order with the figures
 * that differ (`differences` answers undefined for a pair with nothing recorded).
 */
const batchView = <E extends BatchEntryView>(
  b: Pick<BatchView, 'batchId' | 'village' | 'status'> & { readonly entries: readonly E[] },
  acceptedForms: number | null,
  differences: (earlier: E, later: E) => readonly BatchDifference[] | undefined,
): BatchView => ({
  batchId: b.batchId,
  village: b.village,
  status: b.status,
  entries: b.entries.map(entryView),
  acceptedForms,
  mismatches:
    b.status !== 'disputed'
      ? []
      : b.entries.flatMap((earlier, i) =>
          b.entries.slice(i + 1).flatMap((later) => {
            const found = differences(earlier, later);
            return found
              ? [{ earlier: entryView(earlier), later: entryView(later), differences: found }]
              : [];
          }),
        ),
});

/**
 * A survey as the Front follows it: participation so far (from the running counts, no ballot re-read), the
 * batches, and the answers once it is closed.
 */
export const surveyView = (s: OpenedSurvey, version: number): SurveyView => ({
  surveyId: s.surveyId,
  dossierId: s.dossierId,
  round: s.round,
  status: s.status,
  version,
  location: s.location,
  questions: s.questions,
  period: s.period,
  rule: s.rule ?? null,
  windowEndsAt: s.windowEndsAt ?? null,
  register: s.register ?? null,
  participation:
    s.status === 'open'
      ? participation(s, s.register, {
          ...s.counts,
          ballotsIn: (village) => s.counts.perVillage.get(village)?.ballots ?? 0,
        })
      : participationOfTally(s.tally),
  tally: s.status === 'open' ? null : s.tally,
  batches: [...s.batches.values()].map((b) => batchView(b, b.accepted?.forms ?? null, compareEntries)),
  posting: s.status === 'posted' ? s.posting : null,
});

/** A round as the `survey-rounds` projection holds it, in the same view (the answers only once closed). */
export const roundView = (r: SurveyRoundRow): SurveyView => ({
  surveyId: r.survey_id,
  dossierId: r.dossier_id,
  round: r.round,
  status: r.status,
  version: r.version,
  location: r.location,
  questions: r.questions,
  period: r.period,
  rule: r.rule,
  windowEndsAt: r.window_ends_at,
  register: r.register,
  participation:
    r.tally === null
      ? participation(
          {
            coverageMinimumPermille: r.coverage_minimum_permille,
            satisfactionThresholdPermille: r.satisfaction_threshold_permille,
          },
          r.register ?? undefined,
          { ...r.counts, ballotsIn: (village) => r.counts.perVillage[village] ?? 0 },
        )
      : participationOfTally(r.tally),
  tally: r.status === 'open' ? null : r.tally,
  batches: r.batches.map((b: BatchRow) =>
    batchView(
      b,
      b.acceptedForms,
      (earlier, later) =>
        b.comparisons.find((c) => c.earlier === earlier.entryNo && c.later === later.entryNo)?.differences,
    ),
  ),
  posting: r.status === 'posted' ? r.posting : null,
});

/** The form as used in practice: the overall question, then one per criterion of the dossier's criteria set. */
export const defaultQuestions = (d: Dossier): SurveyQuestions => ({
  overall: {
    id: 'overall',
    text: `Ông/bà có hài lòng với kết quả xây dựng ${levelLabels[d.level]} của ${d.commune.name} không?`,
  },
  criteria: d.procedure.criteria[d.level]!.criteria.map((c) => ({
    id: `c${c.number}`,
    criterion: c.number,
    text: `Ông/bà có hài lòng với kết quả thực hiện tiêu chí ${c.number} (${c.name}) không?`,
  })),
});

/** A survey is only worth running while the dossier can still take its result. */
export const ensureTakesSurveyResult = (d: Dossier): void => {
  const step = d.current?.step;
  const definition = [...d.procedure.steps, d.procedure.supplementation].find((s) => s.id === step);
  if (step && definition?.actions.RecordSurveyResult) return;
  throw conflict(
    'DOSSIER_NOT_TAKING_SURVEY',
    step
      ? `Hồ sơ đang ở bước «${stepLabels[step]}», không nhận kết quả lấy ý kiến sự hài lòng; chưa mở được khảo sát`
      : `Hồ sơ ở trạng thái «${statusLabels[d.status]}», không nhận kết quả lấy ý kiến sự hài lòng; chưa mở được khảo sát`,
  );
};

/**
 * Whether the public ballot page takes a ballot now, and if not, why ('paper-only': the survey runs but online
 * ballots without an account are off, PUBLIC_BALLOTS).
 */
export type BallotFormState = 'open' | 'not-started' | 'not-ready' | 'closed' | 'paper-only';

/**
 * What the public ballot page shows before a resident answers: the commune, the questions, the period and
 * whether ballots are taken. Nothing about households, the register or the ballots cast.
 */
export interface BallotForm {
  readonly surveyId: string;
  readonly communeName: string;
  readonly questions: SurveyQuestions;
  readonly period: SurveyPeriod;
  readonly state: BallotFormState;
}

export const ballotForm = (
  s: OpenedSurvey,
  communeName: string,
  now: Date,
  publicBallots: boolean,
): BallotForm => {
  const at = now.getTime();
  const state: BallotFormState =
    s.status !== 'open' || at >= Date.parse(s.period.closesAt)
      ? 'closed'
      : at < Date.parse(s.period.opensAt)
        ? 'not-started'
        : s.register === undefined
          ? 'not-ready'
          : publicBallots
            ? 'open'
            : 'paper-only';
  return { surveyId: s.surveyId, communeName, questions: s.questions, period: s.period, state };
};

import { meetsPermille, permille } from './counts';
import { surveyRuleFailures } from './rule';
import type { OpenedSurvey, SurveyTally } from './types';

/** The result of a survey from its running counts (no ballot is re-read). */
export const tallySurvey = (s: OpenedSurvey): SurveyTally => {
  const tally = countTally(s);
  if (!s.rule) return tally;
  const { id, source } = s.rule;
  return { ...tally, rule: { id, source }, ruleFailures: surveyRuleFailures(s.rule, tally) };
};

const countTally = (s: OpenedSurvey): SurveyTally => {
  const households = s.register?.households ?? 0;
  const { ballots, online, paper, perQuestion } = s.counts;
  const satisfied = perQuestion[0].satisfied;
  const criterionOf = new Map(s.questions.criteria.map((q) => [q.id, q.criterion]));
  return {
    surveyId: s.surveyId,
    dossierId: s.dossierId,
    round: s.round,
    households,
    ballots,
    online,
    paper,
    satisfied,
    participationPermille: permille(ballots, households),
    satisfactionPermille: permille(satisfied, ballots),
    coverageMinimumPermille: s.coverageMinimumPermille,
    satisfactionThresholdPermille: s.satisfactionThresholdPermille,
    coverageMet: meetsPermille(ballots, households, s.coverageMinimumPermille),
    thresholdMet: meetsPermille(satisfied, ballots, s.satisfactionThresholdPermille),
    perQuestion: perQuestion.map((c) => {
      const answered = c.satisfied + c.notSatisfied;
      const criterion = criterionOf.get(c.question);
      return {
        ...c,
        ...(criterion === undefined ? {} : { criterion }),
        answered,
        satisfactionPermille: permille(c.satisfied, answered),
      };
    }),
    perVillage: (s.register?.villages ?? []).map(({ village, households: h }) => {
      const v = s.counts.perVillage.get(village);
      return { village, households: h, ballots: v?.ballots ?? 0, satisfied: v?.satisfied ?? 0 };
    }),
  };
};

/** Data of the dossier's RecordSurveyResult command (libs/recognition), taken from a closed survey's tally. */
export interface DossierSurveyResult {
  readonly households: number;
  readonly formsCollected: number;
  readonly satisfied: number;
  /** Every question, the overall one first. */
  readonly perQuestion: readonly {
    readonly question: string;
    readonly satisfied: number;
    readonly answered: number;
  }[];
  readonly source: 'survey';
  readonly surveyId: string;
  /** The verdict under the round's rule, when it had one (the dossier then judges condition 2 by it). */
  readonly rule?: {
    readonly id: string;
    readonly source: string;
    readonly failures: readonly { readonly code: string; readonly message: string }[];
  };
}

export const toDossierSurveyResult = (tally: SurveyTally): DossierSurveyResult => ({
  households: tally.households,
  formsCollected: tally.ballots,
  satisfied: tally.satisfied,
  perQuestion: tally.perQuestion.map(({ question, satisfied, answered }) => ({
    question,
    satisfied,
    answered,
  })),
  source: 'survey',
  surveyId: tally.surveyId,
  ...(tally.rule
    ? {
        rule: {
          ...tally.rule,
          failures: (tally.ruleFailures ?? []).map(({ code, message }) => ({ code, message })),
        },
      }
    : {}),
});

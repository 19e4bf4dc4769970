import { meetsPermille, permille } from './counts';
import { surveyRuleFailures } from './rule';
import type { OpenedSurvey, Register, SurveyDefinition, SurveyTally } from './types';

/** How many households have answered, overall and per village: never what they answered. */
export interface Participation {
  readonly households: number;
  readonly ballots: number;
  readonly online: number;
  readonly paper: number;
  readonly participationPermille: number;
  readonly coverageMinimumPermille: number;
  readonly coverageMet: boolean;
  /** The rule the answers will be measured against (not an answer). */
  readonly satisfactionThresholdPermille: number;
  readonly perVillage: readonly { village: string; households: number; ballots: number }[];
}

/** Ballots so far, by channel and village: what participation is counted from. */
export interface BallotCounts {
  readonly ballots: number;
  readonly online: number;
  readonly paper: number;
  readonly ballotsIn: (village: string) => number;
}

/** Participation from the register and the ballots counted so far (a running survey, or its tally). */
export const participation = (
  s: Pick<SurveyDefinition, 'coverageMinimumPermille' | 'satisfactionThresholdPermille'>,
  register: Pick<Register, 'households' | 'villages'> | undefined,
  counts: BallotCounts,
): Participation => {
  const households = register?.households ?? 0;
  const { ballots, online, paper } = counts;
  return {
    households,
    ballots,
    online,
    paper,
    participationPermille: permille(ballots, households),
    coverageMinimumPermille: s.coverageMinimumPermille,
    coverageMet: meetsPermille(ballots, households, s.coverageMinimumPermille),
    satisfactionThresholdPermille: s.satisfactionThresholdPermille,
    perVillage: (register?.villages ?? []).map(({ village, households: h }) => ({
      village,
      households: h,
      ballots: counts.ballotsIn(village),
    })),
  };
};

/** The participation part of a tally (closed surveys show it as counted at closing). */
export const participationOfTally = (t: SurveyTally): Participation => ({
  households: t.households,
  ballots: t.ballots,
  online: t.online,
  paper: t.paper,
  participationPermille: t.participationPermille,
  coverageMinimumPermille: t.coverageMinimumPermille,
  coverageMet: t.coverageMet,
  satisfactionThresholdPermille: t.satisfactionThresholdPermille,
  perVillage: t.perVillage.map(({ village, households, ballots }) => ({ village, households, ballots })),
});

/** The result of a survey from its running counts (no ballot is re-read). */
export const tallySurvey = (s: OpenedSurvey): SurveyTally => {
  const tally = countTally(s);
  if (!s.rule) return tally;
  const { id, source } = s.rule;
  return { ...tally, rule: { id, source }, ruleFailures: surveyRuleFailures(s.rule, tally) };
};

const countTally = (s: OpenedSurvey): SurveyTally => {
  const { perQuestion, perVillage } = s.counts;
  const { perVillage: villages, ...shown } = participation(s, s.register, {
    ...s.counts,
    ballotsIn: (village) => perVillage.get(village)?.ballots ?? 0,
  });
  const satisfied = perQuestion[0].satisfied;
  const criterionOf = new Map(s.questions.criteria.map((q) => [q.id, q.criterion]));
  return {
    surveyId: s.surveyId,
    dossierId: s.dossierId,
    round: s.round,
    ...shown,
    satisfied,
    satisfactionPermille: permille(satisfied, shown.ballots),
    thresholdMet: meetsPermille(satisfied, shown.ballots, s.satisfactionThresholdPermille),
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
    perVillage: villages.map((v) => ({ ...v, satisfied: perVillage.get(v.village)?.satisfied ?? 0 })),
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

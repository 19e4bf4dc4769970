import type { SurveyRule } from '@ntm/survey';
import type { Level, ProcedureDefinition } from './procedure-types';
import { getProcedure } from './procedures';

const permille = (share: number): number => Math.round(share * 1000);

/**
 * The rule a survey round of a dossier is opened with, and judged by at closing (RULES-2026 §3): the window,
 * the per-question thresholds and group averages of the procedure the dossier recorded (the province's own when
 * it loaded one), the level's coverage and overall satisfaction share (condition 2) unless the province set
 * them. A procedure recorded before survey rules were data takes its version's current rule.
 */
export const surveyRuleOf = (
  procedure: ProcedureDefinition,
  level: Level,
  overallQuestion: string,
): SurveyRule => {
  const data = procedure.survey ?? getProcedure(procedure.version).survey!;
  const share = procedure.satisfaction[level];
  const province = procedure.province;
  return {
    id: [
      province ? `tinh-${province.provinceCode}-r${province.revision}` : 'quoc-gia',
      procedure.version,
      level,
    ].join('-'),
    source: data.source,
    coveragePermille: data.coveragePermille ?? permille(share.minimumCoverage),
    questions: [
      ...(data.questions.some((q) => q.question === overallQuestion)
        ? []
        : [{ question: overallQuestion, thresholdPermille: permille(share.threshold) }]),
      ...data.questions.map(({ question, thresholdPermille }) => ({ question, thresholdPermille })),
    ],
    groups: data.groups.map(({ questions, averagePermille }) => ({
      questions: [...questions],
      averagePermille,
    })),
    windowWorkingDays: data.windowWorkingDays,
    ...(data.note ? { note: data.note } : {}),
  };
};

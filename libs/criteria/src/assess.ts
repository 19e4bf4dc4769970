import type { IndicatorComparison, IndicatorDocument, ThresholdValue } from './document';

/*
 * Computing a commune's result from its reported indicator values (Decision 51/2025: a criterion is met when
 * every one of its indicators meets the threshold of the commune's group). Pure and free of Node's modules: the
 * server judges with it, and the web app shows the same judgement live while the commune types.
 */

/** What the judgement reads of a criteria set: its criteria and their indicators' comparisons and thresholds. */
export interface AssessedSet {
  readonly criteria: readonly {
    readonly number: number;
    readonly indicators: readonly Pick<IndicatorDocument, 'code' | 'comparison' | 'thresholds'>[];
  }[];
}

export interface ReportedIndicator {
  readonly code: string;
  readonly value: number | boolean;
}

export type IndicatorVerdict =
  | 'met'
  | 'not-met'
  /** No threshold for the commune's group in this set: cannot be judged met. */
  | 'no-threshold';

export interface IndicatorResult {
  readonly code: string;
  readonly criterion: number;
  readonly value: number | boolean | null;
  readonly comparison: IndicatorComparison;
  readonly threshold: ThresholdValue;
  readonly verdict: IndicatorVerdict;
  readonly met: boolean;
}

export interface CriterionResult {
  readonly criterion: number;
  readonly met: boolean;
  readonly indicatorsMet: number;
  readonly indicatorsTotal: number;
}

export interface IndicatorAssessment {
  readonly group: string;
  readonly indicators: readonly IndicatorResult[];
  readonly criteria: readonly CriterionResult[];
}

export const thresholdFor = (
  indicator: Pick<IndicatorDocument, 'thresholds'>,
  group: string,
): ThresholdValue => {
  const own = indicator.thresholds[group];
  if (own !== undefined) return own;
  return indicator.thresholds.chung ?? null;
};

const compare = (value: number | boolean, comparison: IndicatorComparison, threshold: number | boolean) => {
  switch (comparison) {
    case 'boolean':
      return value === threshold;
    case '>=':
      return typeof value === 'number' && typeof threshold === 'number' && value >= threshold;
    case '<=':
      return typeof value === 'number' && typeof threshold === 'number' && value <= threshold;
    case '=':
      return value === threshold;
  }
};

/**
 * Pure: judge each reported value against the group's threshold, then each criterion. A criterion with no
 * indicator in the set is not met (nothing to judge it by), nor is an indicator without a threshold.
 */
export const assessIndicators = (
  doc: AssessedSet,
  group: string,
  reported: readonly ReportedIndicator[],
): IndicatorAssessment => {
  const values = new Map(reported.map((r) => [r.code, r.value]));
  const indicators: IndicatorResult[] = [];
  const criteria: CriterionResult[] = doc.criteria.map((c) => {
    const results = c.indicators.map((i): IndicatorResult => {
      const value = values.get(i.code) ?? null;
      const threshold = thresholdFor(i, group);
      const verdict: IndicatorVerdict =
        threshold === null
          ? 'no-threshold'
          : value !== null && compare(value, i.comparison, threshold)
            ? 'met'
            : 'not-met';
      return {
        code: i.code,
        criterion: c.number,
        value,
        comparison: i.comparison,
        threshold,
        verdict,
        met: verdict === 'met',
      };
    });
    indicators.push(...results);
    const indicatorsMet = results.filter((r) => r.met).length;
    return {
      criterion: c.number,
      met: results.length > 0 && indicatorsMet === results.length,
      indicatorsMet,
      indicatorsTotal: results.length,
    };
  });
  return { group, indicators, criteria };
};

import type { Level } from '@ntm/criteria';
import { quotaBaseLabels } from './quota-base-labels';
import type { AwardType, EligibilityRule, Movement, MovementQuota, Nominee, QuotaBase } from './types';

// Which quotas bind a nomination, and whose place it takes. Pure: the counts come with the record.

type QuotaRule = Extract<EligibilityRule, { kind: 'quota' }>;

/** The quota rule of an award type (at most one is meaningful; the first counts). */
export const quotaRuleOf = (awardType: AwardType): QuotaRule | null =>
  (awardType.rules.find((r) => r.kind === 'quota') as QuotaRule | undefined) ?? null;

/** A quota in force for an award type in a movement. */
export interface QuotaSpec extends Omit<MovementQuota, 'id' | 'source'> {
  /** The key of its reservation stream and of its use in the record. */
  readonly key: string;
  /** The movement's quota id; null for the award type's own rule. */
  readonly quotaId: string | null;
  readonly source: string | null;
}

/**
 * The quotas binding an award type in a movement: the movement's own for that award type, else the award
 * type's quota rule (movements launched before quotas were movement data have none of their own). The key of
 * the award type's rule is the award type's id, as it was before.
 */
export const quotasFor = (movement: Pick<Movement, 'quotas'>, awardType: AwardType): QuotaSpec[] => {
  const own = (movement.quotas ?? []).filter((q) => q.awardTypeId === awardType.id);
  if (own.length > 0) {
    return own.map(({ id, ...q }) => ({ ...q, key: `${awardType.id}.${id}`, quotaId: id }));
  }
  const rule = quotaRuleOf(awardType);
  if (!rule) return [];
  const { base, share, rounding } = rule;
  return [
    { key: awardType.id, quotaId: null, awardTypeId: awardType.id, base, share, rounding, source: null },
  ];
};

/** "5/100 số xã của tỉnh (làm tròn xuống)". */
export const quotaLabel = (q: Pick<QuotaSpec, 'base' | 'share' | 'rounding'>): string =>
  `${q.share.num}/${q.share.den} ${quotaBaseLabels[q.base]} (làm tròn ${q.rounding === 'floor' ? 'xuống' : 'lên'})`;

/** "5/100 × 24 xã của tỉnh, làm tròn xuống": how a quota's size comes from the count of its base. */
export const quotaArithmetic = (
  q: Pick<QuotaSpec, 'base' | 'share' | 'rounding'>,
  baseCount: number,
): string =>
  `${q.share.num}/${q.share.den} × ${baseCount} ${quotaBaseLabels[q.base].replace(/^số /, '')}, ` +
  `làm tròn ${q.rounding === 'floor' ? 'xuống' : 'lên'}`;

export interface QuotaFacts {
  readonly recognitions: readonly {
    readonly level: Level;
    readonly decidedOn: string;
    readonly revoked: unknown;
  }[];
  /** Levels acknowledged after a merger: held, though no recognition of the period dates them. */
  readonly acknowledged: readonly Level[];
  readonly leadsCluster: boolean;
}

/**
 * Whether a nominee belongs to a quota's base. The award type's own rule binds every nominee, as it always
 * did; a movement's quota binds the communes of its base, and the cluster leaders for that base.
 */
export const inQuotaBase = (
  q: Pick<QuotaSpec, 'base' | 'quotaId'>,
  nominee: Nominee,
  facts: QuotaFacts,
  movement: Pick<Movement, 'fromYear' | 'toYear'>,
): boolean => {
  if (q.quotaId === null) return true;
  if (q.base === 'cluster-leaders') return facts.leadsCluster;
  if (nominee.kind !== 'commune') return false;
  const held = facts.recognitions.filter((r) => !r.revoked);
  const year = (r: { decidedOn: string }) => Number(r.decidedOn.slice(0, 4));
  switch (q.base) {
    case 'province-communes':
      return true;
    case 'province-ntm-in-period':
      return held.some(
        (r) => r.level === 'ntm' && year(r) >= movement.fromYear && year(r) <= movement.toYear,
      );
    case 'province-ntm-communes':
      return held.some((r) => r.level === 'ntm') || facts.acknowledged.includes('ntm');
    case 'province-kieu-mau-communes':
      return held.some((r) => r.level === 'kieu-mau') || facts.acknowledged.includes('kieu-mau');
    default: {
      const _exhaustive: never = q.base;
      return _exhaustive;
    }
  }
};

/** The bases a movement's quotas count, across the award types given (the record counts only these). */
export const basesIn = (
  movement: Pick<Movement, 'quotas'>,
  awardTypes: readonly AwardType[],
): QuotaBase[] => [...new Set(awardTypes.flatMap((t) => quotasFor(movement, t).map((q) => q.base)))];

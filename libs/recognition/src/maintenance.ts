/**
 * Where a recognised commune stands at its yearly review (RULES-2026 §4: criteria slipping after recognition):
 * every criterion kept, some slipping, one more failed criterion from revocation, or due for it. A leaf module:
 * the web app imports its labels by path.
 */
export const MAINTENANCE_STANDINGS = ['maintained', 'slipping', 'near-threshold', 'revocation-due'] as const;
export type MaintenanceStanding = (typeof MAINTENANCE_STANDINGS)[number];

export const maintenanceStandingLabels: Readonly<Record<MaintenanceStanding, string>> = {
  maintained: 'Duy trì đủ các tiêu chí',
  slipping: 'Có tiêu chí không duy trì được',
  'near-threshold': 'Cảnh báo: sát ngưỡng thu hồi',
  'revocation-due': 'Đã thuộc diện xem xét thu hồi quyết định công nhận',
};

/** How far a review leaves the commune from revocation, in words (conditions.ts counts it). */
export const revocationDistanceText = (review: {
  readonly criteriaToRevocation: number | null;
  readonly keyCriterionNeeded: boolean;
}): string => {
  const n = review.criteriaToRevocation;
  if (n === 0) return 'Đã đến ngưỡng thu hồi quyết định công nhận';
  if (n === null) return 'Không đến ngưỡng thu hồi dù mọi tiêu chí không đạt';
  const which = review.keyCriterionNeeded
    ? n === 1
      ? '1 tiêu chí then chốt'
      : `${n} tiêu chí (trong đó có tiêu chí then chốt)`
    : `${n} tiêu chí`;
  return `Thêm ${which} không đạt thì thuộc diện thu hồi`;
};

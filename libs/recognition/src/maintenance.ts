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
  'near-threshold': 'Cảnh báo: thêm một tiêu chí không đạt là thuộc diện thu hồi',
  'revocation-due': 'Đã thuộc diện xem xét thu hồi quyết định công nhận',
};

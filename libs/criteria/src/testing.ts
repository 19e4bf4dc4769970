import { communeGroups2026, criteria2026Names } from './data/sets';
import type { CriteriaSetDocument, IndicatorDocument } from './document';

/**
 * A TEST criteria set for 2026-2030 (marked `test: true`): the 10 criteria names of Decision 51/2025/QĐ-TTg,
 * with made-up indicators and thresholds per commune group for specifications and the e2e walk. Not law.
 */
const names = criteria2026Names;

export const testSet2026 = (provinceCode = '06'): CriteriaSetDocument => ({
  id: `thu-nghiem-${provinceCode}-2026-xa-ntm`,
  version: 1,
  title: 'Bộ tiêu chí THỬ NGHIỆM (không phải văn bản pháp luật) giai đoạn 2026-2030',
  period: '2026-2030',
  scope: { kind: 'province', provinceCode },
  source: { decision: 'THỬ NGHIỆM', date: '2026-02-15' },
  levels: ['ntm'],
  assessment: 'indicators',
  groups: communeGroups2026,
  criteria: names.map((name, i) => ({
    number: i + 1,
    name,
    key: false,
    indicators: (i === 2
      ? [
          // Income: a figure per group (made up): group 3's threshold is the lowest.
          {
            code: '3.1',
            name: 'Thu nhập bình quân đầu người (số liệu thử nghiệm)',
            unit: 'triệu đồng/người/năm',
            comparison: '>=' as const,
            thresholds: { 'nhom-1': 80, 'nhom-2': 65, 'nhom-3': 50 },
          },
          {
            code: '3.2',
            name: 'Có hợp tác xã hoạt động hiệu quả (thử nghiệm)',
            unit: null,
            comparison: 'boolean' as const,
            thresholds: { chung: true },
          },
        ]
      : i === 5
        ? [
            {
              code: '6.1',
              name: 'Tỷ lệ hộ nghèo đa chiều (số liệu thử nghiệm)',
              unit: '%',
              comparison: '<=' as const,
              thresholds: { 'nhom-1': 1, 'nhom-2': 2, 'nhom-3': 6 },
            },
          ]
        : [
            {
              code: `${i + 1}.1`,
              name: `Chỉ tiêu thử nghiệm của tiêu chí ${i + 1}`,
              unit: null,
              comparison: 'boolean' as const,
              thresholds: { chung: true },
            },
          ]) as IndicatorDocument[],
  })),
  unverified: ['Toàn bộ chỉ tiêu và ngưỡng là số liệu thử nghiệm'],
  test: true,
  note: 'Bộ tiêu chí thử nghiệm cho kiểm thử và trình diễn; không dùng để xét thật.',
});

/** Every indicator reported as meeting the test set's thresholds for group 3, each with one evidence hash. */
export const passingReports2026 = (evidence: (n: number) => string) =>
  [
    { code: '1.1', value: true },
    { code: '2.1', value: true },
    { code: '3.1', value: 52.4 },
    { code: '3.2', value: true },
    { code: '4.1', value: true },
    { code: '5.1', value: true },
    { code: '6.1', value: 4.8 },
    { code: '7.1', value: true },
    { code: '8.1', value: true },
    { code: '9.1', value: true },
    { code: '10.1', value: true },
  ].map((r, i) => ({ ...r, evidence: [evidence(i + 1)] }));

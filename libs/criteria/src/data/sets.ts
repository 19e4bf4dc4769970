import type { CriteriaSetDocument, CriterionDocument, GroupDocument } from '../document';
import { REGIONS, regionLabels, type Criterion } from '../types';
import { kieuMauConditions2021, nangCaoCriteria2021, ntmCriteria2021 } from './2021-2025';

/**
 * The built-in criteria sets, in the document form an administrator loads. They are available without
 * loading; a loaded document with the same id and a higher version supersedes one for new dossiers only.
 */

const fromCriterion = (c: Criterion): CriterionDocument => ({
  number: c.number,
  name: c.name,
  ...(c.group === undefined ? {} : { group: c.group }),
  key: c.key,
  indicators: [],
});

/** Decision 318 gives thresholds per socio-economic region (none transcribed yet). */
const regions2021: readonly GroupDocument[] = REGIONS.map((code) => ({ code, name: regionLabels[code] }));

export const ntmSet2021: CriteriaSetDocument = {
  id: 'qd318-2022-xa-ntm',
  version: 1,
  title: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021-2025',
  period: '2021-2025',
  scope: { kind: 'national' },
  source: { decision: '318/QĐ-TTg', date: '2022-03-08' },
  levels: ['ntm'],
  assessment: 'criteria',
  groups: regions2021,
  criteria: ntmCriteria2021.map(fromCriterion),
  unverified: [],
};

export const nangCaoSet2021: CriteriaSetDocument = {
  id: 'qd318-2022-xa-ntm-nang-cao',
  version: 1,
  title: 'Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao giai đoạn 2021-2025',
  period: '2021-2025',
  scope: { kind: 'national' },
  source: { decision: '318/QĐ-TTg', date: '2022-03-08' },
  levels: ['nang-cao'],
  assessment: 'criteria',
  groups: regions2021,
  criteria: nangCaoCriteria2021.map(fromCriterion),
  unverified: ['Tên và nhóm tiêu chí chưa đối chiếu với văn bản gốc'],
  note: 'Tên và nhóm tiêu chí chưa được đối chiếu với văn bản gốc (UNVERIFIED).',
};

export const kieuMauSet2021: CriteriaSetDocument = {
  id: 'qd319-2022-xa-ntm-kieu-mau',
  version: 1,
  title: 'Quy định xã nông thôn mới kiểu mẫu giai đoạn 2021-2025',
  period: '2021-2025',
  scope: { kind: 'national' },
  source: { decision: '319/QĐ-TTg', date: '2022-03-08' },
  levels: ['kieu-mau'],
  assessment: 'criteria',
  groups: regions2021,
  criteria: nangCaoCriteria2021.map(fromCriterion),
  kieuMau: kieuMauConditions2021,
  unverified: ['Tên tiêu chí nâng cao chưa đối chiếu với văn bản gốc'],
  note: 'Áp dụng bộ tiêu chí xã nông thôn mới nâng cao (tên tiêu chí UNVERIFIED) và các điều kiện bổ sung.',
};

/** Decision 51/2025/QĐ-TTg: the three commune groups (definitions as summarised by the government portal). */
export const communeGroups2026: readonly GroupDocument[] = [
  {
    code: 'nhom-1',
    name: 'Xã nhóm 1',
    description:
      'Xã liền kề đô thị hiện hữu và có định hướng phát triển thành đô thị, hoặc xã có tỷ trọng ngành nông nghiệp trong cơ cấu kinh tế dưới 10%, hoặc xã được định hướng là đô thị mới',
  },
  { code: 'nhom-2', name: 'Xã nhóm 2', description: 'Xã không thuộc nhóm 1 và nhóm 3' },
  {
    code: 'nhom-3',
    name: 'Xã nhóm 3',
    description:
      'Xã khu vực II và xã khu vực III thuộc địa bàn vùng đồng bào dân tộc thiểu số và miền núi được cấp có thẩm quyền phân định theo quy định',
  },
];

/** The 10 criteria of Decision 51/2025/QĐ-TTg, in order. */
export const criteria2026Names = [
  'Quy hoạch',
  'Hạ tầng kinh tế - xã hội',
  'Phát triển kinh tế nông thôn',
  'Đào tạo nguồn nhân lực nông thôn',
  'Văn hóa, giáo dục, y tế',
  'Giảm nghèo và an sinh xã hội',
  'Khoa học công nghệ và chuyển đổi số',
  'Môi trường và cảnh quan nông thôn',
  'Xây dựng hệ thống chính trị và hành chính công',
  'Tiếp cận pháp luật và an ninh, quốc phòng',
];

const source51 = {
  decision: '51/2025/QĐ-TTg',
  date: '2025-12-29',
  effectiveFrom: '2026-02-15',
  url: 'https://xaydungchinhsach.chinhphu.vn/toan-van-quyet-dinh-51-2025-qd-ttg-ban-hanh-bo-tieu-chi-quoc-gia-ve-nong-thon-moi-giai-doan-2026-2030-119251230104614909.htm',
};

/**
 * Decision 51/2025/QĐ-TTg, Appendix I: 10 criteria (names verified), 47 indicators with thresholds per
 * commune group. The indicators were not retrieved (RULES-2026 §1): none is invented here, so no criterion can
 * be judged met under this set until the official indicators are loaded (a new version of this document).
 */
export const ntmSet2026: CriteriaSetDocument = {
  id: 'qd51-2025-xa-ntm',
  version: 1,
  title: 'Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2026-2030',
  period: '2026-2030',
  scope: { kind: 'national' },
  source: source51,
  levels: ['ntm'],
  assessment: 'indicators',
  groups: communeGroups2026,
  criteria: criteria2026Names.map((name, i) => ({ number: i + 1, name, key: false, indicators: [] })),
  unverified: [
    '47 chỉ tiêu và ngưỡng theo nhóm xã (Phụ lục I) chưa được lấy từ văn bản gốc: cần nạp phiên bản có chỉ tiêu',
    'Tiêu chí then chốt để xét thu hồi giai đoạn 2026-2030 chưa xác định',
  ],
  note: 'UNVERIFIED: chưa có chỉ tiêu; nạp bộ tiêu chí đầy đủ theo Phụ lục I Quyết định 51/2025/QĐ-TTg trước khi xét.',
};

/** Decision 51/2025/QĐ-TTg, Appendix II: the pilot "xã nông thôn mới hiện đại". Its conditions were not retrieved. */
export const hienDaiSet2026: CriteriaSetDocument = {
  id: 'qd51-2025-xa-ntm-hien-dai',
  version: 1,
  title: 'Khung thí điểm xây dựng xã nông thôn mới hiện đại giai đoạn 2026-2030',
  period: '2026-2030',
  scope: { kind: 'national' },
  source: source51,
  levels: ['hien-dai'],
  assessment: 'indicators',
  groups: communeGroups2026,
  criteria: criteria2026Names.map((name, i) => ({
    number: i + 1,
    name,
    key: false,
    indicators: [],
    unverified: true,
  })),
  pilot: { prerequisite: 'ntm', conditions: [] },
  unverified: [
    'Nội dung khung thí điểm (Phụ lục II) chưa được lấy từ văn bản gốc: tiêu chí, chỉ tiêu và điều kiện là giả định',
    'Điều kiện tiên quyết (đã đạt chuẩn nông thôn mới) là giả định',
  ],
  note: 'UNVERIFIED: khung thí điểm chưa có nội dung chính thức.',
};

export const builtInCriteriaSets: readonly CriteriaSetDocument[] = [
  ntmSet2021,
  nangCaoSet2021,
  kieuMauSet2021,
  ntmSet2026,
  hienDaiSet2026,
];

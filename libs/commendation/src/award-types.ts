import { listOr, ROLES } from '@ntm/decider';
import { LEVELS } from '@ntm/criteria';
import { SLUG, Violations } from './authority';
import { isValidFraction } from './shares';
import { BALLOT_KINDS } from './voting';
import {
  AWARD_LEVELS,
  NOMINEE_KINDS,
  QUOTA_BASES,
  type AwardLevel,
  type AwardType,
  type Threshold,
} from './types';

const levelRank: Readonly<Record<AwardLevel, number>> = { commune: 0, district: 1, province: 2, central: 3 };

/** True when `to` is an award of a higher level than `from` (escalation goes up, never sideways). */
export const isHigherLevel = (from: AwardLevel, to: AwardLevel): boolean => levelRank[to] > levelRank[from];

// UNVERIFIED (RULES.md §4.3): for the Bằng khen the council's quorum and approval share were not found in the
// law. These defaults are placeholders a province replaces by defining the award type again; every vote keeps its
// raw counts.
const DEFAULT_REVIEW: AwardType['review'] = {
  quorum: { num: 2, den: 3, strict: false },
  approval: { num: 1, den: 2, strict: true },
  approvalBase: 'members',
};

// Emulation flags (RULES-2026.md §3, from Decree 91/2017 Art. 45 cl. 8; Decree 98/2023 UNVERIFIED): secret
// ballot, at least 90% of all the council's members, absent members vote in writing. The quorum of the meeting
// stays the placeholder's.
const FLAG_REVIEW: AwardType['review'] = {
  quorum: DEFAULT_REVIEW.quorum,
  approval: { num: 90, den: 100, strict: false },
  approvalBase: 'members',
  ballot: 'secret',
  writtenVotes: true,
};

/**
 * The award forms of RULES.md §4.2 as data. Rules follow §4.1 (5% of NTM communes, earlier phases excluded)
 * and §4.2 (provincial Flag to the cluster leader, Government Flag to at most 20% of cluster leaders);
 * the 5% and 20% are from earlier reviews and are UNVERIFIED for 2021-2025.
 */
export const DEFAULT_AWARD_TYPES: readonly AwardType[] = [
  {
    id: 'bang-khen-chu-tich-tinh',
    name: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
    level: 'province',
    nomineeKinds: ['commune', 'collective', 'individual'],
    proposers: ['district_officer', 'province_officer', 'emulation_secretary'],
    decision: { role: 'chairman', authority: 'Chủ tịch Ủy ban nhân dân tỉnh' },
    review: DEFAULT_REVIEW,
    rules: [{ kind: 'holds-recognition', level: 'ntm' }],
  },
  {
    id: 'co-thi-dua-tinh',
    name: 'Cờ thi đua của Ủy ban nhân dân tỉnh',
    level: 'province',
    nomineeKinds: ['commune', 'collective'],
    proposers: ['province_officer', 'emulation_secretary'],
    decision: { role: 'chairman', authority: 'Chủ tịch Ủy ban nhân dân tỉnh' },
    review: FLAG_REVIEW,
    rules: [{ kind: 'leads-cluster' }],
  },
  {
    id: 'bang-khen-thu-tuong',
    name: 'Bằng khen của Thủ tướng Chính phủ',
    level: 'central',
    nomineeKinds: ['commune', 'collective', 'individual'],
    proposers: ['emulation_secretary'],
    // Signed in Hà Nội; the provincial office records the decision it receives.
    decision: { role: 'province_officer', authority: 'Thủ tướng Chính phủ' },
    review: DEFAULT_REVIEW,
    rules: [
      { kind: 'recognised-in-period', levels: ['ntm', 'nang-cao', 'kieu-mau'] },
      { kind: 'not-awarded-in-earlier-period', awardTypeIds: ['bang-khen-thu-tuong'] },
      { kind: 'quota', base: 'province-ntm-communes', share: { num: 5, den: 100 }, rounding: 'floor' },
    ],
  },
  {
    id: 'co-thi-dua-chinh-phu',
    name: 'Cờ thi đua của Chính phủ',
    level: 'central',
    nomineeKinds: ['commune', 'collective'],
    proposers: ['emulation_secretary'],
    decision: { role: 'province_officer', authority: 'Thủ tướng Chính phủ' },
    review: FLAG_REVIEW,
    rules: [
      { kind: 'leads-cluster' },
      { kind: 'quota', base: 'cluster-leaders', share: { num: 20, den: 100 }, rounding: 'floor' },
    ],
  },
];

const validThreshold = (t: Threshold | undefined): boolean =>
  !!t && isValidFraction(t) && typeof t.strict === 'boolean';

/** Checks an award type's shape and every rule; lists all problems. */
export const validateAwardType = (t: AwardType): void => {
  const v = new Violations();
  v.check(
    SLUG.test(t.id ?? ''),
    'INVALID_ID',
    `Mã hình thức khen thưởng '${t.id}' chỉ gồm chữ thường, số và dấu gạch ngang`,
    'id',
  );
  v.check(
    typeof t.name === 'string' && t.name.trim().length > 0,
    'INVALID_NAME',
    'Tên hình thức khen thưởng không được để trống',
    'name',
  );
  v.check(
    AWARD_LEVELS.includes(t.level),
    'INVALID_LEVEL',
    `Cấp khen thưởng '${t.level}' không hợp lệ`,
    'level',
  );
  v.check(
    listOr(t.nomineeKinds).length > 0 && listOr(t.nomineeKinds).every((k) => NOMINEE_KINDS.includes(k)),
    'INVALID_NOMINEE_KINDS',
    'Đối tượng khen thưởng phải gồm ít nhất một trong: xã, tập thể, cá nhân',
    'nomineeKinds',
  );
  v.check(
    listOr(t.proposers).length > 0 && listOr(t.proposers).every((r) => ROLES.includes(r)),
    'INVALID_PROPOSERS',
    'Phải nêu vai trò được đề nghị khen thưởng',
    'proposers',
  );
  v.check(
    ROLES.includes(t.decision?.role),
    'INVALID_DECISION_ROLE',
    'Vai trò ký quyết định khen thưởng không hợp lệ',
    'decision.role',
  );
  v.check(
    !!t.decision?.authority?.trim(),
    'INVALID_AUTHORITY',
    'Phải nêu cấp có thẩm quyền quyết định',
    'decision.authority',
  );
  v.check(
    validThreshold(t.review?.quorum),
    'INVALID_QUORUM',
    'Tỷ lệ có mặt tối thiểu phải là phân số num/den với 0 ≤ num ≤ den',
    'review.quorum',
  );
  v.check(
    validThreshold(t.review?.approval),
    'INVALID_APPROVAL',
    'Tỷ lệ tán thành phải là phân số num/den với 0 ≤ num ≤ den',
    'review.approval',
  );
  v.check(
    ['present', 'members'].includes(t.review?.approvalBase),
    'INVALID_APPROVAL_BASE',
    'Cơ sở tính tỷ lệ tán thành phải là present hoặc members',
    'review.approvalBase',
  );
  v.check(
    t.review?.ballot === undefined || BALLOT_KINDS.includes(t.review.ballot),
    'INVALID_BALLOT_KIND',
    'Hình thức biểu quyết phải là open (công khai) hoặc secret (bỏ phiếu kín)',
    'review.ballot',
  );
  v.check(
    t.review?.writtenVotes === undefined || typeof t.review.writtenVotes === 'boolean',
    'INVALID_WRITTEN_VOTES',
    'writtenVotes phải là true hoặc false',
    'review.writtenVotes',
  );
  (t.rules ?? []).forEach((rule, i) => {
    const field = `rules[${i}]`;
    switch (rule.kind) {
      case 'holds-recognition':
        v.check(
          LEVELS.includes(rule.level),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: mức đạt chuẩn '${rule.level}' không hợp lệ`,
          field,
        );
        return;
      case 'recognised-in-period':
        v.check(
          listOr(rule.levels).length > 0 && listOr(rule.levels).every((l) => LEVELS.includes(l)),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: phải nêu ít nhất một mức đạt chuẩn hợp lệ`,
          field,
        );
        return;
      case 'leads-cluster':
        return;
      case 'consecutive-titles':
        v.check(
          Number.isInteger(rule.years) && rule.years >= 1 && rule.years <= 20,
          'INVALID_RULE',
          `Điều kiện ${i + 1}: số năm liên tục phải từ 1 đến 20`,
          field,
        );
        v.check(
          SLUG.test(rule.awardTypeId ?? '') && !!rule.title?.trim(),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: phải nêu mã và tên danh hiệu`,
          field,
        );
        v.check(
          ['nomination-year', 'previous-year'].includes(rule.endingWith),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: endingWith không hợp lệ`,
          field,
        );
        return;
      case 'not-awarded-in-earlier-period':
        v.check(
          Array.isArray(rule.awardTypeIds) && rule.awardTypeIds.length > 0,
          'INVALID_RULE',
          `Điều kiện ${i + 1}: phải nêu các hình thức khen thưởng`,
          field,
        );
        return;
      case 'quota':
        v.check(
          QUOTA_BASES.includes(rule.base),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: cơ sở tính chỉ tiêu '${rule.base}' không hợp lệ`,
          field,
        );
        v.check(
          !!rule.share && isValidFraction(rule.share),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: tỷ lệ chỉ tiêu phải là phân số num/den`,
          field,
        );
        v.check(
          ['floor', 'ceil'].includes(rule.rounding),
          'INVALID_RULE',
          `Điều kiện ${i + 1}: cách làm tròn phải là floor hoặc ceil`,
          field,
        );
        return;
      default: {
        const unknown: { kind?: string } = rule;
        v.add('INVALID_RULE', `Điều kiện ${i + 1}: loại '${unknown.kind}' không được hỗ trợ`, field);
      }
    }
  });
  v.throwIfAny('INVALID_AWARD_TYPE', 'Hình thức khen thưởng không hợp lệ');
};

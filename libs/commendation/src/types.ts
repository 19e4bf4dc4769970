import type { Role } from '@ntm/decider';
import type { Level } from '@ntm/criteria';

/** A SHA-256 of a stored document, 64 hex characters. */
export type DocumentHash = string;

export const AWARD_LEVELS = ['commune', 'district', 'province', 'central'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];

export const NOMINEE_KINDS = ['commune', 'collective', 'individual'] as const;
export type NomineeKind = (typeof NOMINEE_KINDS)[number];

/** Who an award goes to. A commune is identified by its code; other collectives and people by an id. */
export type Nominee =
  | {
      readonly kind: 'commune';
      readonly provinceCode: string;
      readonly districtCode?: string;
      readonly communeCode: string;
      /** e.g. "xã Nông Thượng". */
      readonly name: string;
    }
  | {
      readonly kind: 'collective';
      readonly provinceCode: string;
      /** A stable id of the district, agency, cooperative, association... */
      readonly id: string;
      readonly name: string;
    }
  | {
      readonly kind: 'individual';
      readonly provinceCode: string;
      readonly id: string;
      readonly name: string;
      /** The position (chức vụ), e.g. "Phó Bí thư Đảng ủy, Chủ tịch HĐND xã"; nominations before the unit had a
       * field of its own hold both here, as printed. */
      readonly position?: string;
      /** The unit the person works in (đơn vị công tác), e.g. "xã Nông Thượng". */
      readonly unit?: string;
    };

/** The key of a recipient across years: `commune:01843`, `collective:<id>`, `individual:<id>`. */
export const communeRecipientKey = (communeCode: string): string => `commune:${communeCode}`;

export const recipientKey = (n: Nominee): string =>
  n.kind === 'commune' ? communeRecipientKey(n.communeCode) : `${n.kind}:${n.id}`;

/**
 * A share as a fraction of integers, compared without floating point: value/base ≥ num/den
 * (or > when strict). "2/3 of the members", "more than 1/2 of those present".
 */
export interface Threshold {
  readonly num: number;
  readonly den: number;
  readonly strict: boolean;
}

/** The board that reviews nominations (Hội đồng Thi đua - Khen thưởng). Ids are the members' user ids. */
export interface BoardMember {
  readonly id: string;
  readonly name: string;
  readonly role: 'secretary' | 'member';
}

export interface Board {
  readonly members: readonly BoardMember[];
  readonly appointedOn: string;
}

/** An emulation movement (phong trào thi đua) with its period in whole years. */
export interface Movement {
  readonly id: string;
  readonly name: string;
  readonly fromYear: number;
  readonly toYear: number;
  /** e.g. "toàn quốc", "toàn tỉnh". */
  readonly scope: string;
  /** The launching body, e.g. "Thủ tướng Chính phủ". */
  readonly launchedBy: string;
  readonly launchedOn: string;
  /**
   * The movement's commendation quotas (RULES-2026.md §3: the base differs per movement, and one movement can
   * have several). Absent on movements launched before quotas were part of the movement: the award types'
   * own quota rules apply to them, as they did when those movements ran.
   */
  readonly quotas?: readonly MovementQuota[];
  /** The board's amendments of the quotas, oldest first (absent until the first). */
  readonly quotaAmendments?: readonly QuotaAmendment[];
}

/** The board's basis for changing a movement's quotas: its later decision or plan (số, ngày văn bản). */
export interface QuotaBasis {
  readonly number: string;
  readonly issuedOn: string;
}

/** A record of one amendment of a movement's quotas: who, when, why, and what the quotas were before. */
export interface QuotaAmendment {
  readonly reason: string | null;
  readonly basis: QuotaBasis | null;
  readonly previous: readonly MovementQuota[];
  readonly amendedBy: string;
  readonly amendedAt: string;
}

/**
 * What a quota is a share of. The province's communes (all of them; those recognised NTM within the
 * movement's period; those holding NTM; those holding kiểu mẫu) or the cluster and block leaders of the year.
 */
export const QUOTA_BASES = [
  'province-communes',
  'province-ntm-in-period',
  'province-ntm-communes',
  'province-kieu-mau-communes',
  'cluster-leaders',
] as const;
export type QuotaBase = (typeof QUOTA_BASES)[number];

/**
 * One quota of a movement: at most share × base nominations for the award type, rounded. An award type can
 * have several in one movement (2016-2020: 5% of the communes recognised NTM in the period plus 5% of the
 * kiểu mẫu communes); a commune takes a place in the first of them whose base it belongs to.
 */
export interface MovementQuota {
  /** Unique within the movement. */
  readonly id: string;
  readonly awardTypeId: string;
  readonly base: QuotaBase;
  readonly share: { readonly num: number; readonly den: number };
  /** How a fractional capacity is rounded (5% of 30 communes is 1.5). */
  readonly rounding: 'floor' | 'ceil';
  /** Where the figure comes from (the launching plan and its article), or why it is not verified. */
  readonly source: string;
}

/** Eligibility rules read the record (the nominee's recognitions, cluster standing and awards). */
export type EligibilityRule =
  | { readonly kind: 'holds-recognition'; readonly level: Level }
  | { readonly kind: 'recognised-in-period'; readonly levels: readonly Level[] }
  | { readonly kind: 'leads-cluster' }
  | {
      readonly kind: 'consecutive-titles';
      /** The award type that is the title (danh hiệu), e.g. "tap-the-lao-dong-xuat-sac". */
      readonly awardTypeId: string;
      /** Its Vietnamese name, for the eligibility report. */
      readonly title: string;
      readonly years: number;
      /** Whether the run must end with the year under consideration or the year before it. */
      readonly endingWith: 'nomination-year' | 'previous-year';
    }
  | {
      /** "excluding those commended in an earlier phase": none of these awards for a year before the movement. */
      readonly kind: 'not-awarded-in-earlier-period';
      readonly awardTypeIds: readonly string[];
    }
  | {
      readonly kind: 'quota';
      readonly base: QuotaBase;
      readonly share: { readonly num: number; readonly den: number };
      /** How a fractional capacity is rounded (5% of 30 communes is 1.5). */
      readonly rounding: 'floor' | 'ceil';
    };

/**
 * How the board votes on an award type. Decree 91/2017/NĐ-CP Art. 45 cl. 8 [V] (titles such as Chiến sĩ thi
 * đua cấp tỉnh): secret ballot, at least 90% of ALL the council's members, absent members give their vote in
 * writing. Decree 98/2023/NĐ-CP, which replaced it, was not read [UNVERIFIED]: the rule stays data.
 */
export interface ReviewRule {
  readonly quorum: Threshold;
  readonly approval: Threshold;
  /** Whether approval is counted over those who voted (present, and in writing) or over all members. */
  readonly approvalBase: 'present' | 'members';
  /**
   * open: each member present votes in the system, by name. secret: ballots go into the box and only the
   * counting committee's result is recorded, so no vote is tied to a member. Absent on rules defined before
   * secret ballots: open.
   */
  readonly ballot?: 'open' | 'secret';
  /** Whether absent members may send a written vote (phiếu bằng văn bản) that counts. Absent: no. */
  readonly writtenVotes?: boolean;
}

/** An award form as data (Bằng khen, Cờ thi đua, ...). Provinces may redefine any of them. */
export interface AwardType {
  readonly id: string;
  /** Vietnamese name, as printed on the decision. */
  readonly name: string;
  readonly level: AwardLevel;
  readonly nomineeKinds: readonly NomineeKind[];
  /** Roles that may file a nomination for it. */
  readonly proposers: readonly Role[];
  /** Who signs the decision; `role` is the role that records it in the system. */
  readonly decision: { readonly role: Role; readonly authority: string };
  /** UNVERIFIED statutory figures: configuration per award type (RULES.md §4.3, RULES-2026.md §3). */
  readonly review: ReviewRule;
  readonly rules: readonly EligibilityRule[];
}

/** The achievement a nomination rests on. Its key makes "one achievement, one award" checkable. */
export const ACHIEVEMENT_KINDS = ['movement-result', 'cluster-lead', 'other'] as const;
export type AchievementKind = (typeof ACHIEVEMENT_KINDS)[number];

export interface Achievement {
  readonly kind: AchievementKind;
  /** The period the achievement belongs to: a year ("2024") or the movement's period ("2021-2025"). */
  readonly period: string;
  readonly text: string;
}

/** A fact of the record a rule relied on; kept on the nomination as its evidence. */
export type Evidence =
  | {
      readonly kind: 'recognition';
      readonly dossierId: string;
      readonly level: Level;
      readonly decisionNumber: string;
      readonly decidedOn: string;
    }
  | {
      /** The province's acknowledgement of a merged commune's level (RULES-2026.md §2). */
      readonly kind: 'acknowledgement';
      readonly level: Level;
      readonly decisionNumber: string;
      readonly decidedOn: string;
    }
  | {
      readonly kind: 'survey';
      readonly dossierId: string;
      readonly satisfactionRate: number;
      readonly participationRate: number;
    }
  | {
      readonly kind: 'cluster-rank';
      readonly clusterId: string;
      readonly clusterName: string;
      readonly year: number;
      readonly rank: number;
      readonly score: number;
    }
  | {
      readonly kind: 'award';
      readonly awardId: string;
      readonly awardTypeId: string;
      readonly year: number;
      readonly decisionNumber: string;
    };

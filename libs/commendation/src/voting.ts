import { meets, thresholdLabel } from './shares';
import type { ReviewRule } from './types';

export const BALLOTS = ['for', 'against', 'abstain'] as const;
export type Ballot = (typeof BALLOTS)[number];

export const BALLOT_KINDS = ['open', 'secret'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

/** The rule with what rules defined before secret ballots lack: an open ballot, no written votes. */
export const reviewRuleOf = (rule: ReviewRule): Required<ReviewRule> => ({
  ballot: 'open',
  writtenVotes: false,
  ...rule,
});

/** The raw counts, kept whole so that any rule can be checked again later (RULES.md §4.3). */
export interface VoteCounts {
  readonly members: number;
  readonly present: number;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
  /** Present but cast no ballot (secret ballot: ballots given out and not returned, or void). */
  readonly notVoting: number;
  /**
   * Written votes of absent members (phiếu bằng văn bản), already counted in for, against and abstain. Only on
   * reviews whose rule accepts them.
   */
  readonly written?: number;
}

/**
 * no-quorum: too few present, the review decides nothing and may be held again.
 * tie: as many for as against; a tie never approves, whatever the share.
 */
export type ReviewOutcome = 'approved' | 'rejected' | 'tie' | 'no-quorum';

export interface ReviewResult {
  readonly counts: VoteCounts;
  readonly outcome: ReviewOutcome;
  readonly quorumMet: boolean;
  readonly approvalMet: boolean;
  /** The rule as configured when the review was held. */
  readonly rule: ReviewRule;
  /** Vietnamese, with the figures. */
  readonly explanation: string;
}

export const tallyVotes = (counts: VoteCounts, rule: ReviewRule): ReviewResult => {
  const written = counts.written ?? 0;
  // The meeting's quorum counts those present; a written vote counts in the approval share.
  const quorumMet = meets(counts.present, counts.members, rule.quorum);
  const base = rule.approvalBase === 'present' ? counts.present + written : counts.members;
  const approvalMet = meets(counts.for, base, rule.approval);
  const baseLabel =
    rule.approvalBase === 'members'
      ? 'tổng số thành viên'
      : written > 0
        ? 'số thành viên có mặt và gửi phiếu bằng văn bản'
        : 'số thành viên có mặt';
  const writtenLabel = counts.written === undefined ? '' : `; phiếu bằng văn bản ${written}`;
  const figures = `có mặt ${counts.present}/${counts.members}${writtenLabel}; tán thành ${counts.for}, không tán thành ${counts.against}, không biểu quyết ${counts.abstain + counts.notVoting}`;
  const outcome: ReviewOutcome = !quorumMet
    ? 'no-quorum'
    : counts.for === counts.against
      ? 'tie'
      : approvalMet
        ? 'approved'
        : 'rejected';
  const explanation = {
    'no-quorum': `Không đủ số thành viên dự họp (cần ${thresholdLabel(rule.quorum)} tổng số thành viên): ${figures}`,
    tie: `Số phiếu tán thành bằng số phiếu không tán thành: không đạt (${figures})`,
    approved: `Đạt: tán thành ${thresholdLabel(rule.approval)} ${baseLabel} (${figures})`,
    rejected: `Không đạt: tán thành chưa đủ ${thresholdLabel(rule.approval)} ${baseLabel} (${figures})`,
  }[outcome];
  return { counts, outcome, quorumMet, approvalMet, rule, explanation };
};

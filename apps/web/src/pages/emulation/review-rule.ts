// The board's review rule as the screens write it, and the figures measured against it before the conclusion.
import type { Nomination } from '../../api/types';

export type ReviewRule = Nomination['reviews'][number]['rule'];
type Threshold = ReviewRule['quorum'];

/** "từ 2/3", "trên 1/2". */
export const thresholdText = (t: Threshold): string => `${t.strict ? 'trên' : 'từ'} ${t.num}/${t.den}`;

const approvalBaseText = (rule: ReviewRule) =>
  rule.approvalBase === 'members'
    ? 'tổng số thành viên'
    : rule.writtenVotes
      ? 'số thành viên có mặt và gửi phiếu bằng văn bản'
      : 'số thành viên có mặt';

export const ruleText = (rule: ReviewRule): string =>
  [
    `có mặt ${thresholdText(rule.quorum)} tổng số thành viên`,
    `tán thành ${thresholdText(rule.approval)} ${approvalBaseText(rule)}`,
    rule.ballot === 'secret' ? 'bỏ phiếu kín' : 'biểu quyết công khai',
    rule.writtenVotes
      ? 'thành viên vắng mặt được gửi phiếu bằng văn bản'
      : 'không nhận phiếu bằng văn bản của thành viên vắng mặt',
  ].join('; ');

export interface Figures {
  readonly members: number;
  readonly present: number;
  /** Written votes of absent members, already among for, against and abstain. */
  readonly written: number;
  readonly for: number;
  readonly against: number;
  readonly abstain: number;
}

/** value/base reaches the threshold, on integers (as the server compares); a zero base never does. */
const reaches = (value: number, base: number, t: Threshold) =>
  base > 0 && (t.strict ? value * t.den > base * t.num : value * t.den >= base * t.num);

/**
 * Whether the figures meet the rule, as the conclusion will find (the server's tally decides): the quorum counts
 * those present, a tie never approves.
 */
export const measure = (f: Figures, rule: ReviewRule): { met: boolean; text: string } => {
  const base = rule.approvalBase === 'members' ? f.members : f.present + f.written;
  if (!reaches(f.present, f.members, rule.quorum))
    return {
      met: false,
      text: `Chưa đủ số thành viên có mặt: ${f.present}/${f.members}, cần ${thresholdText(rule.quorum)} tổng số thành viên`,
    };
  if (f.for === f.against)
    return { met: false, text: `Số phiếu tán thành bằng số phiếu không tán thành (${f.for}): không đạt` };
  const share = `${f.for}/${base} ${approvalBaseText(rule)} tán thành`;
  return reaches(f.for, base, rule.approval)
    ? { met: true, text: `Đạt: ${share}, quy định ${thresholdText(rule.approval)}` }
    : { met: false, text: `Chưa đạt: ${share}, quy định ${thresholdText(rule.approval)}` };
};

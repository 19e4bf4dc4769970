import { tallyVotes, type ReviewRule as DomainRule } from '@ntm/commendation';
import { measure, ruleText, type Figures } from '../../apps/web/src/pages/emulation/review-rule';

// The screen measures the figures before the conclusion; the server's tally decides. They must agree.
const rules: Record<string, DomainRule> = {
  'open, over all members': {
    quorum: { num: 2, den: 3, strict: false },
    approval: { num: 1, den: 2, strict: true },
    approvalBase: 'members',
  },
  'secret, 90% of all members, written votes': {
    quorum: { num: 2, den: 3, strict: false },
    approval: { num: 90, den: 100, strict: false },
    approvalBase: 'members',
    ballot: 'secret',
    writtenVotes: true,
  },
  'over those who voted, written votes': {
    quorum: { num: 1, den: 2, strict: true },
    approval: { num: 2, den: 3, strict: false },
    approvalBase: 'present',
    writtenVotes: true,
  },
};

const figures = (
  members: number,
  present: number,
  written: number,
  yes: number,
  against: number,
): Figures => ({
  members,
  present,
  written,
  for: yes,
  against,
  abstain: Math.max(0, present + written - yes - against),
});

describe('the screen measures a review’s figures as the server’s tally will', () => {
  const cases: Figures[] = [
    figures(5, 4, 1, 5, 0),
    figures(5, 4, 1, 4, 1),
    figures(5, 2, 0, 2, 0),
    figures(5, 3, 0, 3, 0),
    figures(3, 2, 1, 2, 1),
    figures(3, 2, 0, 1, 1),
    figures(3, 3, 0, 2, 1),
    figures(4, 3, 0, 2, 0),
    figures(6, 3, 0, 2, 1),
    figures(6, 4, 2, 4, 2),
  ];
  it.each(Object.entries(rules))('%s', (_, rule) => {
    for (const f of cases) {
      const server = tallyVotes(
        { ...f, notVoting: 0, ...(rule.writtenVotes ? { written: f.written } : {}) },
        rule,
      );
      expect([f, measure(f, rule).met]).toEqual([f, server.outcome === 'approved']);
    }
  });

  it('says why, with the figures and the rule', () => {
    const secret = rules['secret, 90% of all members, written votes'];
    expect(measure(figures(5, 4, 1, 5, 0), secret).text).toBe(
      'Đạt: 5/5 tổng số thành viên tán thành, quy định từ 90/100',
    );
    expect(measure(figures(5, 4, 1, 4, 1), secret).text).toBe(
      'Chưa đạt: 4/5 tổng số thành viên tán thành, quy định từ 90/100',
    );
    expect(measure(figures(5, 2, 0, 2, 0), secret).text).toBe(
      'Chưa đủ số thành viên có mặt: 2/5, cần từ 2/3 tổng số thành viên',
    );
    expect(measure(figures(3, 2, 0, 1, 1), rules['open, over all members']).text).toBe(
      'Số phiếu tán thành bằng số phiếu không tán thành (1): không đạt',
    );
    expect(ruleText(secret)).toBe(
      'có mặt từ 2/3 tổng số thành viên; tán thành từ 90/100 tổng số thành viên; bỏ phiếu kín; thành viên vắng mặt được gửi phiếu bằng văn bản',
    );
  });
});

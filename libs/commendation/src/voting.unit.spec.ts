import { review } from './testing/fixtures';
import { tallyVotes, type VoteCounts } from './voting';

const counts = (c: Partial<VoteCounts>): VoteCounts => ({
  members: 9,
  present: 9,
  for: 0,
  against: 0,
  abstain: 0,
  notVoting: 0,
  ...c,
});

describe('tallying a board vote (quorum ≥ 2/3 of members, approval > 1/2 of members: configured, unverified)', () => {
  const rule = review();

  it('approves with more than half of all members for, and keeps the raw counts', () => {
    const r = tallyVotes(counts({ present: 7, for: 5, against: 1, abstain: 1 }), rule);
    expect(r.outcome).toBe('approved');
    expect(r.counts).toEqual({ members: 9, present: 7, for: 5, against: 1, abstain: 1, notVoting: 0 });
    expect(r.explanation).toContain('có mặt 7/9');
  });

  it('rejects when the for votes are not more than half of the members, even if they are most of those present', () => {
    const r = tallyVotes(counts({ present: 6, for: 4, against: 2 }), rule);
    expect(r.outcome).toBe('rejected');
    expect(r.approvalMet).toBe(false);
  });

  it('decides nothing without a quorum: 5 of 9 present is under 2/3, 6 of 9 is exactly 2/3', () => {
    expect(tallyVotes(counts({ present: 5, for: 5 }), rule).outcome).toBe('no-quorum');
    expect(tallyVotes(counts({ present: 6, for: 5, against: 1 }), rule).outcome).toBe('approved');
    expect(tallyVotes(counts({ present: 5, for: 5 }), rule).explanation).toContain(
      'Không đủ số thành viên dự họp',
    );
  });

  it('never approves a tie, even when the share alone would pass', () => {
    const lenient = review({ approval: { num: 1, den: 2, strict: false }, approvalBase: 'present' });
    const r = tallyVotes(counts({ members: 8, present: 8, for: 4, against: 4 }), lenient);
    expect(r.approvalMet).toBe(true);
    expect(r.outcome).toBe('tie');
    expect(r.explanation).toContain('bằng số phiếu không tán thành');
  });

  it('counts approval over those present when configured so', () => {
    const overPresent = review({ approvalBase: 'present' });
    expect(tallyVotes(counts({ present: 6, for: 4, against: 2 }), overPresent).outcome).toBe('approved');
  });
});

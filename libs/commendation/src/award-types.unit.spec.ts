import { DEFAULT_AWARD_TYPES, validateAwardType } from './award-types';
import { tallyVotes } from './voting';

const typeOf = (id: string) => DEFAULT_AWARD_TYPES.find((t) => t.id === id)!;

describe('the built-in award types', () => {
  it('are each valid as a province would define them', () => {
    for (const t of DEFAULT_AWARD_TYPES) expect(() => validateAwardType(t)).not.toThrow();
  });

  it('review the emulation flags as RULES-2026.md §3 has it: secret ballot, at least 90% of all members, written votes from the absent', () => {
    for (const id of ['co-thi-dua-tinh', 'co-thi-dua-chinh-phu'])
      expect({ id, review: typeOf(id).review }).toMatchObject({
        id,
        review: {
          approval: { num: 90, den: 100, strict: false },
          approvalBase: 'members',
          ballot: 'secret',
          writtenVotes: true,
        },
      });
    // Nine of ten members for: the flag passes at exactly 90%, eight of ten do not; the Bằng khen passes with six.
    const flag = typeOf('co-thi-dua-tinh').review;
    const votes = (forCount: number) => ({
      members: 10,
      present: 10,
      for: forCount,
      against: 10 - forCount,
      abstain: 0,
      notVoting: 0,
    });
    expect([tallyVotes(votes(9), flag).outcome, tallyVotes(votes(8), flag).outcome]).toEqual([
      'approved',
      'rejected',
    ]);
    expect(tallyVotes(votes(6), typeOf('bang-khen-chu-tich-tinh').review).outcome).toBe('approved');
  });
});

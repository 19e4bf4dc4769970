import type { Command, Decider, DomainEvent } from '@ntm/decider';
import { nominationDecider } from './nomination';
import { programmeDecider, type ProgrammeCommand } from './programme';
import { flagCommandFor, registerDecider, type RegisterCommand } from './register';
import {
  PROVINCE,
  bangKhen,
  bangKhenThuTuong,
  board,
  chairman,
  districtOfficer,
  duongQuang,
  hopTacXa,
  members,
  meta,
  movement,
  nongThuong,
  review,
  secretary,
  system,
} from './testing/fixtures';
import { programmeEvents } from './testing/history';
import {
  castVote,
  concludeReview,
  nominationSubmitted,
  openReview,
  reviewConcluded,
  reviewOpened,
  submitNomination,
  type Submission,
  voteCast,
} from './testing/nomination';
import {
  awardFlaggedForRevocation,
  awardTo,
  decisionIssued,
  issueDecision,
  nominationSnapshot,
  revokedRecognition,
} from './testing/register';
import type { AwardType } from './types';

/** The events the decider records for the commands, in order, after the given events. */
const recorded = <C extends Command, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  given: readonly E[],
  commands: readonly C[],
): E[] => {
  let state = given.reduce(decider.evolve, decider.initialState());
  return commands.flatMap((c) => {
    const events = decider.decide(c, state);
    state = events.reduce(decider.evolve, state);
    return events;
  });
};

/** The specifications' given events are the ones the decider records for the same commands. */
describe('the given events of the commendation specifications', () => {
  describe('nominations', () => {
    const secret: AwardType = {
      ...bangKhen,
      review: review({
        approval: { num: 90, den: 100, strict: false },
        ballot: 'secret',
        writtenVotes: true,
      }),
    };

    it.each([
      ['the province’s Bằng khen, by the district', {}, districtOfficer],
      [
        'the Prime Minister’s Bằng khen with its quota, by the secretary',
        { awardType: bangKhenThuTuong },
        secretary,
      ],
      ['an award type under a secret ballot', { awardType: secret }, districtOfficer],
      [
        'an award type with no rule on the record, by the secretary: no evidence',
        {
          awardType: { ...bangKhenThuTuong, rules: [], proposers: ['emulation_secretary' as const] },
          evidence: [],
        },
        secretary,
      ],
    ])('a submission: %s', (_name, o: Submission, by) => {
      // The evidence is what the decider finds, not part of the command.
      const { evidence: _evidence, ...command } = o;
      expect([nominationSubmitted(o, by)]).toEqual(
        recorded(nominationDecider, [], [submitNomination(command, by)]),
      );
    });

    it('a review opened with the whole board or a part of it present', () => {
      const few = [secretary.id, members[0].id, members[1].id];
      expect([reviewOpened()]).toEqual(recorded(nominationDecider, [nominationSubmitted()], [openReview()]));
      expect([reviewOpened(few)]).toEqual(
        recorded(nominationDecider, [nominationSubmitted()], [openReview(few)]),
      );
      const memberFourAbsent = [...few, members[2].id];
      expect([reviewOpened(memberFourAbsent, secret)]).toEqual(
        recorded(
          nominationDecider,
          [nominationSubmitted({ awardType: secret })],
          [openReview(memberFourAbsent)],
        ),
      );
    });

    it.each([
      ['approved, 4 of 5 for', ['for', 'for', 'for', 'for'], { for: 4, against: 0, notVoting: 1 }],
      ['approved, 3 of 5 for', ['for', 'for', 'for'], { for: 3, against: 0, notVoting: 2 }],
      ['a tie, 1 for and 1 against', ['for', 'against'], { for: 1, against: 1, notVoting: 3 }],
    ] as const)('a review concluded: %s', (_name, ballots, figures) => {
      const voters = [secretary, ...members].slice(0, ballots.length);
      const given = [nominationSubmitted(), reviewOpened(), ...voters.map((v, i) => voteCast(v, ballots[i]))];
      expect([reviewConcluded({ members: 5, present: 5, abstain: 0, ...figures })]).toEqual(
        recorded(nominationDecider, given, [concludeReview]),
      );
      expect(given.slice(2)).toEqual(
        recorded(
          nominationDecider,
          given.slice(0, 2),
          voters.map((v, i) => castVote(v, ballots[i])),
        ),
      );
    });

    it('a review concluded without a quorum', () => {
      const few = [secretary.id, members[0].id, members[1].id];
      const given = [
        nominationSubmitted(),
        reviewOpened(few),
        voteCast(secretary),
        voteCast(members[0]),
        voteCast(members[1]),
      ];
      expect([
        reviewConcluded({ members: 5, present: 3, for: 3, against: 0, abstain: 0, notVoting: 0 }),
      ]).toEqual(recorded(nominationDecider, given, [concludeReview]));
    });
  });

  it('the province’s programme: its board, movement, cluster and scores', () => {
    const commands: ProgrammeCommand[] = [
      {
        type: 'AppointBoard',
        data: { provinceCode: PROVINCE, members: board.members, appointedOn: board.appointedOn },
        metadata: meta(chairman),
      },
      { type: 'LaunchMovement', data: { movement }, metadata: meta(secretary) },
      {
        type: 'DefineCluster',
        data: {
          clusterId: 'cum-1',
          name: 'Cụm 1',
          kind: 'cum',
          fromYear: 2021,
          members: [nongThuong, duongQuang],
        },
        metadata: meta(secretary),
      },
      {
        type: 'RecordClusterScores',
        data: {
          clusterId: 'cum-1',
          year: 2025,
          reviewedOn: '2025-12-01',
          entries: [
            { memberKey: 'commune:01843', score: 96 },
            { memberKey: 'commune:01840', score: 90 },
          ],
          figures: {},
        },
        metadata: meta(secretary),
      },
    ];
    expect(programmeEvents()).toEqual(recorded(programmeDecider, [], commands));
  });

  describe('the award register', () => {
    it('a decision on one nomination, and on two of them', () => {
      const register = (commands: RegisterCommand[]) => recorded(registerDecider, [], commands);
      expect([decisionIssued([awardTo('qd-2500-1', 'n-1')])]).toEqual(
        register([issueDecision([nominationSnapshot('n-1')])]),
      );
      expect([
        decisionIssued([awardTo('qd-2500-1', 'n-1'), awardTo('qd-2500-2', 'n-2', hopTacXa, [])]),
      ]).toEqual(
        register([
          issueDecision([
            nominationSnapshot('n-1'),
            nominationSnapshot('n-2', { nominee: hopTacXa, restsOn: [] }),
          ]),
        ]),
      );
    });

    it('a flag on the award that rests on a revoked recognition', () => {
      const given = [
        decisionIssued([awardTo('qd-2500-1', 'n-1'), awardTo('qd-2500-2', 'n-2', hopTacXa, [])]),
      ];
      expect([awardFlaggedForRevocation('qd-2500-1')]).toEqual(
        recorded(registerDecider, given, [
          {
            type: 'FlagAwardsForRevokedRecognition',
            data: flagCommandFor(PROVINCE, revokedRecognition, 'evt-1'),
            metadata: meta(system),
          },
        ]),
      );
    });
  });
});

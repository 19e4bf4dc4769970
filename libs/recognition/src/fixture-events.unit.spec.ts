import {
  actors,
  at,
  command,
  goodKieuMau,
  historyUpTo,
  open2026,
  play,
  sha,
  type ScenarioOptions,
} from './testing/fixtures';
import {
  announced,
  appraisal,
  appraised,
  districtBoardVoted,
  districtPostingClosed,
  districtPostingOpened,
  districtStage,
  foundNotEligible,
  granted,
  history,
  inVerification,
  opened,
  opened2026,
  preparation,
  refusedByLetter,
  stepDeadlineNear,
  stepOverdue,
  submitted,
  verified,
  withdrawn,
} from './testing/events';

/** The specifications' given events are the ones the decider records for the scenario's commands. */
describe('the given events of the specifications', () => {
  const cases: [string, ScenarioOptions][] = [
    ['the standard dossier', {}],
    ['a survey short of coverage and satisfaction', { households: 600, formsCollected: 400, satisfied: 340 }],
    ['a split council finding criteria unmet', { appraisalUnmet: [10, 17], councilFor: 8 }],
    ['nâng cao', { level: 'nang-cao', formsCollected: 500, satisfied: 470 }],
    ['kiểu mẫu', { level: 'kieu-mau', satisfied: 495, kieuMau: { ...goodKieuMau, smartVillages: [] } }],
    ['nothing met', { unmet: [1, 2, 3] }],
  ];

  it.each(cases)('are what the decider records up to the appraisal: %s', (_name, o) => {
    expect(appraised(o)).toEqual(historyUpTo('appraised', o));
  });

  it('are what the decider records up to the submission under the two-tier procedure of 2025', () => {
    expect(inVerification({ version: '2025-two-tier' })).toEqual(
      historyUpTo('submitted', { version: '2025-two-tier' }),
    );
  });

  it('are what the decider records through the announcement', () => {
    expect(
      history(
        opened(),
        preparation(),
        submitted(),
        districtStage(),
        verified(),
        appraisal(),
        granted(),
        announced(),
      ),
    ).toEqual(historyUpTo('announced'));
  });

  it('are what the decider records for an opening under the 2026-2030 rules', () => {
    expect(opened2026()).toEqual(play([open2026()]));
  });

  it('are what the decider records for a refusal by letter after a split council', () => {
    const refuse = command(
      'RefuseRecognition',
      {
        decidedOn: '2025-04-18',
        decisionNumber: '88/UBND-NNMT',
        reasons: ['Hồ sơ chưa bảo đảm tính xác thực.'],
      },
      actors.chairman,
      at('2025-04-18'),
    );
    expect(history(appraised({ councilFor: 5 }), refusedByLetter())).toEqual(
      play([refuse], appraised({ councilFor: 5 })),
    );
  });

  it('are what the decider records for a withdrawal at each step', () => {
    const withdraw = command(
      'WithdrawDossier',
      { reason: 'Xã xin lùi sang năm 2026' },
      actors.commune,
      at('2025-04-02'),
    );
    expect(history(opened(), withdrawn('commune-preparation'))).toEqual(play([withdraw], opened()));
    expect(history(inVerification(), withdrawn('district-verification'))).toEqual(
      play([withdraw], inVerification()),
    );
    expect(history(appraised(), withdrawn('decision'))).toEqual(play([withdraw], appraised()));
  });

  it('are what the decider records when the district finds the dossier not eligible', () => {
    const reasons = [{ criterion: 10, text: 'Thu nhập bình quân chưa đạt' }];
    expect(history(inVerification(), foundNotEligible(reasons))).toEqual(
      play(
        [command('DeclareNotEligible', { reasons, report: sha(702) }, actors.district, at('2025-03-28'))],
        inVerification(),
      ),
    );
  });

  it('are what the decider records for the timer of the district verification', () => {
    const dueAt = '2025-04-15T16:59:59.999Z';
    const step = 'district-verification';
    expect(history(inVerification(), stepOverdue(step, { dueAt, markedAt: at('2025-04-16') }))).toEqual(
      play(
        [command('MarkStepOverdue', { step, round: 1 }, actors.system, at('2025-04-16'))],
        inVerification(),
      ),
    );
    expect(
      history(
        inVerification(),
        stepDeadlineNear(step, { dueAt, workingDaysLeft: 2, remindedAt: at('2025-04-14') }),
      ),
    ).toEqual(
      play(
        [command('RemindStepDeadline', { step, round: 1, workingDays: 2 }, actors.system, at('2025-04-14'))],
        inVerification(),
      ),
    );
  });

  it('are what the decider records for a district board vote that fails, then one that passes', () => {
    const postingClosed = history(inVerification(), districtPostingOpened(), districtPostingClosed());
    const vote = (votesFor: number, now: string) =>
      command(
        'HoldDistrictBoardVote',
        { counts: { members: 15, present: 14, for: votesFor, against: 14 - votesFor }, minutes: sha(701) },
        actors.district,
        now,
      );
    expect(
      history(
        postingClosed,
        districtBoardVoted({ votesFor: 12 }),
        districtBoardVoted({ heldAt: at('2025-03-28') }),
      ),
    ).toEqual(play([vote(12, at('2025-03-27')), vote(14, at('2025-03-28'))], postingClosed));
  });
});

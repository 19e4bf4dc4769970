import { REGISTER_CHUNK_SIZE } from './types';
import {
  BAN_CAU,
  close,
  closedWithoutBallots,
  FRONT_B,
  FRONT_C,
  importRegister,
  NA_DI,
  opened,
  openSurvey,
  openWithRegister,
  run,
  TEST_RULE,
} from './testing/fixtures';
import {
  disputed,
  entry,
  MISTYPED,
  mistypedByA,
  retypedByA,
  settledByC,
  STACK,
  typedByA,
} from './testing/paper';

/** The specifications' given events are the ones the decider records for the same commands. */
describe('the given events of the survey specifications', () => {
  it.each([
    ['the standard register of two villages', { [NA_DI]: 5, [BAN_CAU]: 5 }, {}],
    ['a register over several chunks', { [NA_DI]: REGISTER_CHUNK_SIZE + 3, [BAN_CAU]: 4 }, {}],
    [
      'a survey with its minimum batch and rule',
      { [NA_DI]: 10 },
      {
        minimumBatchForms: 5,
        rule: TEST_RULE,
      },
    ],
  ])('are what the decider records for the opening and the register: %s', (_name, villages, data) => {
    expect(openWithRegister(villages, data)).toEqual(run([], [openSurvey(data), importRegister(villages)]));
  });

  it('are what the decider records for a closing before any ballot, with and without a register', () => {
    expect([opened(), closedWithoutBallots()]).toEqual(run([opened()], [close()]));
    expect([...openWithRegister(), closedWithoutBallots({ [NA_DI]: 5, [BAN_CAU]: 5 })]).toEqual(
      run(openWithRegister(), [close()]),
    );
  });

  it('are what the decider records for the double entry of the Nà Dì stack', () => {
    expect(typedByA()).toEqual(run(openWithRegister(), [entry(STACK)]));
    expect(mistypedByA()).toEqual(run(openWithRegister(), [entry(MISTYPED)]));
    expect(retypedByA()).toEqual(run(openWithRegister(), [entry(MISTYPED), entry(STACK)]));
    expect(disputed()).toEqual(run(openWithRegister(), [entry(STACK), entry(MISTYPED, FRONT_B)]));
    expect(settledByC()).toEqual(
      run(openWithRegister(), [entry(STACK), entry(MISTYPED, FRONT_B), entry(STACK, FRONT_C)]),
    );
  });
});

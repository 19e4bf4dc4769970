import { REGISTER_CHUNK_SIZE } from './types';
import {
  BAN_CAU,
  importRegister,
  NA_DI,
  openSurvey,
  openWithRegister,
  run,
  TEST_RULE,
} from './testing/fixtures';

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
});

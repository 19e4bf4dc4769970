import { REGISTER_CHUNK_SIZE } from './types';
import { BAN_CAU, importRegister, NA_DI, openSurvey, openWithRegister, run } from './testing/fixtures';

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
        rule: {
          id: 'bac-kan-thu-nghiem',
          source: 'Quy định thử nghiệm của tỉnh Bắc Kạn (dữ liệu kiểm thử)',
          coveragePermille: 500,
          questions: [{ question: 'overall', thresholdPermille: 750 }],
          groups: [{ questions: ['c2', 'c10', 'c17'], averagePermille: 800 }],
          windowWorkingDays: 20,
        },
      },
    ],
  ])('are what the decider records for the opening and the register: %s', (_name, villages, data) => {
    expect(openWithRegister(villages, data)).toEqual(run([], [openSurvey(data), importRegister(villages)]));
  });
});

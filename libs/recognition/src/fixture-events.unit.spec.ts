import { goodKieuMau, historyUpTo, open2026, play, type ScenarioOptions } from './testing/fixtures';
import {
  announced,
  appraisal,
  appraised,
  districtStage,
  granted,
  history,
  inVerification,
  opened,
  opened2026,
  preparation,
  submitted,
  verified,
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
});

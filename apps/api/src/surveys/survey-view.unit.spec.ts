import { evolveSurveyRound, type SurveyRoundRow } from '@ntm/read-models';
import { surveyDecider, type SurveyCommand, type SurveyEvent, type SurveyState } from '@ntm/survey';
import {
  BAN_CAU,
  FRONT_A,
  FRONT_B,
  FRONT_C,
  NA_DI,
  SURVEY_ID,
  answers,
  ballot,
  close,
  formsBatch,
  meta,
  openWithRegister,
  run,
  token,
} from '../../../../libs/survey/src/testing/fixtures';
import { roundView, surveyView } from './survey-view';

const nd = (n: number) => token(NA_DI, n);
const bc = (n: number) => token(BAN_CAU, n);
const form = (tok: string, overall: 'satisfied' | 'not-satisfied' = 'satisfied') => ({
  token: tok,
  answers: answers(overall),
});

/**
 * A round with ballots, a batch three officers typed three ways (disputed), one typed twice alike (accepted),
 * a re-entry, the closing and the posting.
 */
const COMMANDS: SurveyCommand[] = [
  ballot(nd(5), answers('not-satisfied')),
  formsBatch('nd-1', NA_DI, [form(nd(1)), form(nd(2)), form(nd(3), 'not-satisfied')], FRONT_A),
  formsBatch('nd-1', NA_DI, [form(nd(1)), form(nd(2)), form(nd(4))], FRONT_B),
  formsBatch('nd-1', NA_DI, [form(nd(1)), form(nd(3))], FRONT_C),
  formsBatch('nd-1', NA_DI, [form(nd(1)), form(nd(2), 'not-satisfied'), form(nd(3))], FRONT_A),
  formsBatch('bc-1', BAN_CAU, [form(bc(1)), form(bc(2), 'not-satisfied')], FRONT_A),
  formsBatch('bc-1', BAN_CAU, [form(bc(1)), form(bc(2), 'not-satisfied')], FRONT_B),
  ballot(bc(3), answers('satisfied')),
  close(),
  {
    type: 'PostSurveyResult',
    data: {
      surveyId: SURVEY_ID,
      from: '2025-03-10T08:00:00.000Z',
      until: '2025-03-17T08:00:00.000Z',
      places: ['Nhà văn hóa thôn Nà Dì'],
    },
    metadata: meta(FRONT_A),
  },
];

/** The events of each append: the register's opening, then one command's each. */
const appends = (): SurveyEvent[][] => {
  const groups = [openWithRegister()];
  for (const c of COMMANDS) {
    const before = groups.flat();
    groups.push(run(before, [c]).slice(before.length));
  }
  return groups;
};

describe('a survey round in the survey-rounds read model', () => {
  it('reads as the survey itself does after every append, without keeping a household token', () => {
    const groups = appends();
    expect(groups.flat().map((e) => e.type)).toContain('PaperBatchMismatched');
    let state: SurveyState = surveyDecider.initialState();
    let row: SurveyRoundRow | undefined;
    let version = 0;
    for (const events of groups) {
      for (const event of events) {
        version++;
        state = surveyDecider.evolve(state, event);
        row = evolveSurveyRound(row, event, { streamVersion: version, position: String(version) }) ?? row;
      }
      if (state.status === 'none' || !row) throw new Error('not opened');
      expect(roundView(row)).toEqual(surveyView(state, version));
    }
    const stored = JSON.stringify(row);
    for (const tok of [nd(5), bc(3)]) expect(stored).not.toContain(tok);
    expect(row!.status).toBe('posted');
    // Three officers' current entries of nd-1, each pair differing; bc-1 agreed.
    expect(roundView(row!).batches.map((b) => [b.batchId, b.status, b.mismatches.length])).toEqual([
      ['nd-1', 'disputed', 3],
      ['bc-1', 'accepted', 0],
    ]);
  });

  it('shows no answers while the survey is open', () => {
    const events = appends().flat();
    const open = events.slice(
      0,
      events.findIndex((e) => e.type === 'SurveyClosed'),
    );
    const row = open.reduce<SurveyRoundRow | undefined>(
      (r, e, i) => evolveSurveyRound(r, e, { streamVersion: i + 1, position: String(i + 1) }) ?? r,
      undefined,
    )!;
    expect(roundView(row).tally).toBeNull();
    expect(JSON.stringify(row)).not.toMatch(/satisfied"\s*:\s*\d/);
  });
});

import type { DossierEvent } from './events';
import { dossierOf, historyUpTo } from './testing/fixtures';

const types = (events: readonly DossierEvent[]) => events.map((e) => e.type);
const stepsOpened = (events: readonly DossierEvent[]) =>
  events.flatMap((e) => (e.type === 'StepOpened' ? [`${e.data.step}#${e.data.round}`] : []));

/**
 * The walk of the whole procedure, command after command, as the shell runs them: a scenario that every stage
 * hands on to the next. No single rule is specified here; each has its given-events specification beside its
 * decider (opening, preparation, district stage, review, decision, timers, revocation).
 */
describe('the walk of the whole procedure, from opening to announcement (a scenario, not a rule’s specification)', () => {
  it('follows the 2021-2025 procedure: commune, district verification, provincial appraisal, chairman', () => {
    const events = historyUpTo('announced');
    expect(stepsOpened(events)).toEqual([
      'commune-preparation#1',
      'district-verification#1',
      'provincial-appraisal#1',
      'decision#1',
      'announcement#1',
    ]);
    expect(types(events)).toEqual([
      'DossierOpened',
      'StepOpened',
      'SelfAssessmentRecorded',
      'PublicPostingOpened',
      'PublicPostingClosed',
      'SurveyResultRecorded',
      'CommuneMeetingHeld',
      'DossierSubmitted',
      'StepOpened',
      'DistrictPostingOpened',
      'DistrictPostingClosed',
      'DistrictBoardVoted',
      'VerificationPassed',
      'StepOpened',
      'AppraisalPostingOpened',
      'AppraisalPostingClosed',
      'CouncilVoteCast',
      'AppraisalConcluded',
      'StepOpened',
      'RecognitionGranted',
      'StepOpened',
      'RecognitionAnnounced',
    ]);
    const d = dossierOf(events);
    expect(d.status).toBe('recognised');
    expect(d.current).toBeNull();
    // What the decision and the announcement leave in the dossier is specified in decision.unit.spec.ts, the
    // council's conclusion in review.unit.spec.ts.
  });

  it('follows the two-tier procedure: the province verifies, no district code needed', () => {
    const events = historyUpTo('announced', { version: '2025-two-tier' });
    expect(stepsOpened(events)).toEqual([
      'commune-preparation#1',
      'provincial-verification#1',
      'provincial-appraisal#1',
      'decision#1',
      'announcement#1',
    ]);
    const d = dossierOf(events);
    expect(d.commune.districtCode).toBeUndefined();
    expect(d.status).toBe('recognised');
    expect(d.rounds[0].verification?.step).toBe('provincial-verification');
  });
});

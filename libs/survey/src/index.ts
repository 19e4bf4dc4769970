export * from './types';
export { surveyDecider, decide, evolve, initialState, roundSummary } from './survey';
export {
  householdToken,
  surveyHouseholdToken,
  tokenUnder,
  normaliseHouseholdCode,
  normaliseVillage,
  isHouseholdToken,
} from './household';
export { authorise } from './guards';
export { minimumBatchForms } from './ballots';
export { BALLOT_ANSWER_LIMITS, answersShapeViolation } from './validation';
export {
  parseHouseholdRegister,
  hashRegister,
  type RegisterRow,
  type RegisterViolation,
} from './register-csv';
export {
  participation,
  participationOfTally,
  tallySurvey,
  toDossierSurveyResult,
  type BallotCounts,
  type DossierSurveyResult,
  type Participation,
} from './tally';
export { compareEntries } from './batch';
export { meetsPermille } from './counts';
export {
  surveyRuleFailures,
  surveyRuleViolations,
  surveyWindowEnd,
  trieuSon2024Rule,
  type SurveyRule,
} from './rule';

export * from './types';
export { surveyDecider, decide, evolve, initialState, roundSummary } from './survey';
export { householdToken, normaliseHouseholdCode, normaliseVillage, isHouseholdToken } from './household';
export {
  parseHouseholdRegister,
  hashRegister,
  type RegisterRow,
  type RegisterViolation,
} from './register-csv';
export { tallySurvey, toDossierSurveyResult, type DossierSurveyResult } from './tally';
export { compareEntries } from './batch';
export { meetsPermille } from './counts';

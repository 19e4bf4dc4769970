export const SURVEY_CLOSING_QUEUE = 'survey-closing';

/** BullMQ job id of a survey's closing timer (BullMQ forbids ':' in ids): one timer per survey. */
export const surveyCloseJobId = (surveyId: string): string => `survey-close__${surveyId}`;

/** How the result is posted once the survey closes; absent fields take the defaults. */
export interface PostingPlan {
  readonly days?: number;
  readonly places?: readonly string[];
}

export interface SurveyCloseJob {
  readonly surveyId: string;
  readonly closesAt: string;
  readonly posting?: PostingPlan;
  /** The SurveyOpened event that set the timer. */
  readonly causationId?: string;
  readonly correlationId?: string;
}

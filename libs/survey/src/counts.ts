import type { Answers, CountField, QuestionCounts, SurveyQuestions } from './types';

export const COUNT_FIELDS: readonly CountField[] = ['satisfied', 'notSatisfied', 'noAnswer'];

/** Question ids in form order: the overall question first, then the criteria. */
export const questionIds = (questions: SurveyQuestions): string[] => [
  questions.overall.id,
  ...questions.criteria.map((q) => q.id),
];

export const zeroCounts = (questions: SurveyQuestions): QuestionCounts[] =>
  questionIds(questions).map((question) => ({ question, satisfied: 0, notSatisfied: 0, noAnswer: 0 }));

/** One form as counts (answers already validated). */
export const countsOfAnswers = (questions: SurveyQuestions, answers: Answers): QuestionCounts[] =>
  questionIds(questions).map((question) => ({
    question,
    satisfied: answers[question] === 'satisfied' ? 1 : 0,
    notSatisfied: answers[question] === 'not-satisfied' ? 1 : 0,
    noAnswer: answers[question] === 'no-answer' ? 1 : 0,
  }));

/** Both lists are in form order (decide puts them so). */
export const addCounts = (a: readonly QuestionCounts[], b: readonly QuestionCounts[]): QuestionCounts[] =>
  a.map((c, i) => ({
    question: c.question,
    satisfied: c.satisfied + b[i].satisfied,
    notSatisfied: c.notSatisfied + b[i].notSatisfied,
    noAnswer: c.noAnswer + b[i].noAnswer,
  }));

/** numerator ÷ denominator >= permille ÷ 1000, in integers so 90.0% meets 90% exactly. */
export const meetsPermille = (numerator: number, denominator: number, permille: number): boolean =>
  denominator > 0 && numerator * 1000 >= permille * denominator;

/** For display: rounded down, so a rate shown as 90.0% never hides 89.96%. */
export const permille = (numerator: number, denominator: number): number =>
  denominator > 0 ? Math.floor((numerator * 1000) / denominator) : 0;

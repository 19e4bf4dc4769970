import { conflict, listOr, ruleBroken, type Violation } from '@ntm/decider';
import { authorise, openedSurvey } from './guards';
import { tallySurvey } from './tally';
import type { CloseSurvey, PostSurveyResult, SurveyClosed, SurveyResultPosted, SurveyState } from './types';
import { instant, isNonEmptyString, reject } from './validation';

/**
 * The Front closes a survey when it chooses; the 'system' actor closes it when the period ends. A system close
 * that comes early, or after the survey is already closed, is a stale timer: nothing happens.
 */
export const decideClose = (c: CloseSurvey, state: SurveyState): SurveyClosed[] => {
  const s = openedSurvey(state, c.data.surveyId);
  authorise(c.metadata, s, ['front_officer', 'system'], 'kết thúc khảo sát');
  const bySystem = c.metadata.actor.role === 'system';
  if (bySystem && (s.status !== 'open' || Date.parse(c.metadata.now) < Date.parse(s.period.closesAt)))
    return [];
  if (s.status !== 'open') throw conflict('SURVEY_ALREADY_CLOSED', `Khảo sát ${s.surveyId} đã kết thúc`);
  const excludedBatches = [...s.batches.values()].flatMap((b) =>
    b.status === 'accepted' ? [] : [{ batchId: b.batchId, village: b.village, status: b.status }],
  );
  return [
    {
      type: 'SurveyClosed',
      data: {
        surveyId: s.surveyId,
        closedBy: c.metadata.actor.id,
        closedAt: c.metadata.now,
        reason: bySystem ? 'period-ended' : 'closed-by-front',
        tally: tallySurvey(s),
        excludedBatches,
      },
    },
  ];
};

/** Public posting of the result (village cultural houses, commune radio) for a period. */
export const decidePost = (c: PostSurveyResult, state: SurveyState): SurveyResultPosted[] => {
  const s = openedSurvey(state, c.data.surveyId);
  // The closing timer posts the result it has just tallied, for the Front (which may also post by hand).
  authorise(c.metadata, s, ['front_officer', 'system'], 'niêm yết kết quả khảo sát');
  if (s.status === 'open')
    throw ruleBroken('SURVEY_NOT_CLOSED', 'Khảo sát chưa kết thúc, chưa có kết quả để niêm yết');
  if (s.status === 'posted') throw conflict('RESULT_ALREADY_POSTED', 'Kết quả khảo sát đã được niêm yết');
  const { from, until, places } = c.data;
  const v: Violation[] = [];
  if (Number.isNaN(instant(from)))
    v.push({ code: 'INVALID_FIELD', message: 'Ngày bắt đầu niêm yết không hợp lệ', field: 'from' });
  if (Number.isNaN(instant(until)))
    v.push({ code: 'INVALID_FIELD', message: 'Ngày kết thúc niêm yết không hợp lệ', field: 'until' });
  else if (instant(until) <= instant(from)) {
    v.push({
      code: 'INVALID_FIELD',
      message: 'Ngày kết thúc niêm yết phải sau ngày bắt đầu',
      field: 'until',
    });
  }
  if (!Array.isArray(places) || places.length === 0 || !places.every(isNonEmptyString)) {
    v.push({
      code: 'INVALID_FIELD',
      message: 'Cần ít nhất một nơi niêm yết (nhà văn hóa thôn, đài truyền thanh xã...)',
      field: 'places',
    });
  }
  if (v.length > 0) throw reject('invalid', 'INVALID_POSTING', 'Thông tin niêm yết không hợp lệ', v);
  return [
    {
      type: 'SurveyResultPosted',
      data: {
        surveyId: s.surveyId,
        postedBy: c.metadata.actor.id,
        postedAt: c.metadata.now,
        from,
        until,
        places: listOr(places).map((p) => p.trim()),
      },
    },
  ];
};

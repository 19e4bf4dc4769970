import { momentVi, periodEndVi } from '@ntm/calendar';
import {
  actorCovers,
  conflict,
  forbidden,
  notFound,
  ruleBroken,
  type CommandMetadata,
  type Role,
} from '@ntm/decider';
import type { OpenedSurvey, SurveyState } from './types';

/** The survey the command is about; commands other than OpenSurvey need an opened one. */
export const openedSurvey = (state: SurveyState, surveyId: string): OpenedSurvey => {
  if (state.status === 'none') throw notFound('SURVEY_NOT_FOUND', `Không tìm thấy khảo sát ${surveyId}`);
  if (state.surveyId !== surveyId) {
    throw notFound('SURVEY_NOT_FOUND', `Khảo sát ${surveyId} không khớp luồng sự kiện ${state.surveyId}`);
  }
  return state;
};

const ROLE_NAMES: Readonly<Partial<Record<Role, string>>> = {
  front_officer: 'cán bộ Mặt trận Tổ quốc xã',
  system: 'hệ thống',
};

/** Role first, then jurisdiction over the survey's commune. */
export const authorise = (
  metadata: CommandMetadata,
  survey: Pick<OpenedSurvey, 'location'>,
  roles: readonly Role[],
  action: string,
): void => {
  const { actor } = metadata;
  if (!roles.includes(actor.role)) {
    const allowed = roles.map((r) => ROLE_NAMES[r] ?? r).join(' hoặc ');
    throw forbidden('ROLE_NOT_ALLOWED', `Chỉ ${allowed} được ${action}`);
  }
  if (!actorCovers(actor, survey.location)) {
    throw forbidden(
      'OUTSIDE_JURISDICTION',
      `Người dùng không phụ trách xã ${survey.location.communeCode}, không được ${action}`,
    );
  }
};

/** Ballots are taken while the survey is open and its period runs. */
export const ensureTakingBallots = (s: OpenedSurvey, now: string): void => {
  const at = Date.parse(now);
  if (s.status !== 'open' || at >= Date.parse(s.period.closesAt)) {
    throw conflict(
      'SURVEY_CLOSED',
      `Khảo sát đã kết thúc (nhận phiếu đến ${periodEndVi(s.period.closesAt)}), không nhận thêm phiếu`,
    );
  }
  if (at < Date.parse(s.period.opensAt)) {
    throw ruleBroken(
      'SURVEY_NOT_STARTED',
      `Khảo sát chưa bắt đầu (nhận phiếu từ ${momentVi(s.period.opensAt)})`,
    );
  }
  if (s.register === undefined) {
    throw ruleBroken('REGISTER_MISSING', 'Chưa nhập danh sách hộ gia đình của xã, chưa nhận phiếu');
  }
};

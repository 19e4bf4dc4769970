import type { CommuneGroup, Level, ProcedureVersion } from './api/types';

export { roleTitle } from '../../../libs/decider/src/role-labels';
export { maintenanceStandingLabels, revocationDistanceText } from '../../../libs/recognition/src/maintenance';
export { DEBT_LIMITS, vnd } from '../../../libs/recognition/src/money';

export const levelLabels: Record<Level, string> = {
  ntm: 'Nông thôn mới',
  'nang-cao': 'Nông thôn mới nâng cao',
  'kieu-mau': 'Nông thôn mới kiểu mẫu',
  'hien-dai': 'Nông thôn mới hiện đại',
};

/** Decision 51/2025/QĐ-TTg's groups of communes, as the province's documents name them. */
export const communeGroupLabels: Record<CommuneGroup, string> = {
  'nhom-1': 'Nhóm 1',
  'nhom-2': 'Nhóm 2',
  'nhom-3': 'Nhóm 3',
};

/** The procedures a dossier may be opened under, as a commune officer knows them. */
export const procedureLabels: Record<ProcedureVersion, string> = {
  '2026-2030': 'Giai đoạn 2026-2030: Quyết định 51/2025/QĐ-TTg, chính quyền hai cấp (tỉnh thẩm tra)',
  '2025-two-tier': 'Giai đoạn 2021-2025, chính quyền hai cấp (từ 01/7/2025, tỉnh thẩm tra)',
  '2021-2025': 'Giai đoạn 2021-2025: Quyết định 18/2022/QĐ-TTg (có cấp huyện thẩm tra)',
};

/** A dossier's status, as the server's lists name it (the status filter offers them). */
export const statusLabels: Record<string, string> = {
  preparing: 'Xã đang chuẩn bị hồ sơ',
  'in-review': 'Đang xem xét',
  returned: 'Trả lại để bổ sung',
  recognised: 'Đã công nhận',
  refused: 'Không công nhận',
  withdrawn: 'Đã rút hồ sơ',
  revoked: 'Đã thu hồi quyết định công nhận',
  'not-eligible': 'Không đủ điều kiện đề nghị',
};

/** The colour of a dossier's status tag. */
export const statusColor = (status: string): string =>
  ({
    preparing: 'blue',
    'in-review': 'gold',
    returned: 'red',
    recognised: 'green',
    refused: 'default',
    withdrawn: 'default',
    revoked: 'volcano',
    'not-eligible': 'default',
  })[status] ?? 'default';

/** What each event means, as the timeline says it. */
export const eventLabels: Record<string, string> = {
  DossierOpened: 'Lập hồ sơ',
  StepOpened: 'Chuyển sang bước mới',
  SelfAssessmentRecorded: 'Ghi kết quả tự đánh giá các tiêu chí',
  PublicPostingOpened: 'Niêm yết công khai dự thảo báo cáo',
  PublicCommentRecorded: 'Ghi nhận ý kiến góp ý',
  PublicPostingClosed: 'Kết thúc niêm yết công khai',
  SurveyResultRecorded: 'Ghi kết quả lấy ý kiến sự hài lòng của người dân',
  CommuneMeetingHeld: 'Họp, bỏ phiếu đề nghị xét công nhận',
  DossierSubmitted: 'Nộp hồ sơ đề nghị xét công nhận',
  VerificationPassed: 'Thẩm tra hồ sơ: đạt',
  DossierReturned: 'Trả hồ sơ để bổ sung, hoàn thiện',
  DossierResubmitted: 'Nộp lại hồ sơ đã bổ sung',
  DistrictPostingOpened: 'Huyện công khai báo cáo thẩm tra',
  DistrictPostingClosed: 'Kết thúc công khai báo cáo thẩm tra của huyện',
  DistrictBoardVoted: 'Ban Chỉ đạo huyện bỏ phiếu',
  DossierFoundNotEligible: 'Huyện kết luận không đủ điều kiện, nêu rõ lý do',
  AppraisalPostingOpened: 'Đăng tải báo cáo thẩm định',
  AppraisalPostingClosed: 'Kết thúc đăng tải báo cáo thẩm định',
  CouncilVoteCast: 'Thành viên Hội đồng bỏ phiếu',
  AppraisalConcluded: 'Kết luận thẩm định',
  RecognitionGranted: 'Quyết định công nhận',
  RecognitionRefused: 'Quyết định không công nhận',
  RecognitionAnnounced: 'Công bố quyết định',
  DossierWithdrawn: 'Rút hồ sơ',
  StepDeadlineNear: 'Nhắc bước xử lý sắp đến hạn',
  StepOverdue: 'Bước xử lý quá hạn',
  StepMarkedOverdue: 'Bước xử lý quá hạn',
  AnnualReviewRecorded: 'Rà soát duy trì tiêu chí hằng năm',
  RevocationProposed: 'Đề nghị thu hồi quyết định',
  RevocationAssessed: 'Đánh giá xét thu hồi',
  RecognitionRevoked: 'Thu hồi quyết định công nhận',
};

export const stepLabels: Record<string, string> = {
  'commune-preparation': 'Xã chuẩn bị hồ sơ',
  'district-verification': 'Huyện thẩm tra',
  'provincial-verification': 'Tỉnh thẩm tra',
  'provincial-appraisal': 'Hội đồng thẩm định',
  supplementation: 'Xã bổ sung hồ sơ',
  decision: 'Chủ tịch UBND tỉnh quyết định',
  announcement: 'Công bố',
  'revocation-assessment': 'Đánh giá, lấy ý kiến xét thu hồi quyết định công nhận',
  'revocation-decision': 'Chủ tịch UBND tỉnh quyết định thu hồi',
};

const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: 'Asia/Ho_Chi_Minh',
});
const dateTimeFmt = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});
/**
 * A date of the API (YYYY-MM-DD or an instant) as Vietnamese officials write it (dd/mm/yyyy), on the users' clock
 * (Asia/Ho_Chi_Minh): an instant late in the UTC evening is already the next day there.
 */
export const formatDate = (iso: string | null | undefined): string =>
  iso ? dateFmt.format(new Date(iso)) : '—';
/**
 * The last day of a period that ends at `end` and does not include it (a survey takes ballots until `closesAt`,
 * exclusive): a period ending at midnight ends on the day before.
 */
export const formatLastDay = (end: string | null | undefined): string =>
  end ? formatDate(new Date(Date.parse(end) - 1).toISOString()) : '—';
export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dateTimeFmt.format(new Date(iso)) : '—';

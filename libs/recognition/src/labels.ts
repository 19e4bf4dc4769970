import type { DossierCommandType } from './commands';
import type { StepId } from './procedure-types';
import type { DossierStatus } from './state';

export const stepLabels: Readonly<Record<StepId, string>> = {
  'commune-preparation': 'Xã tự đánh giá, lấy ý kiến và hoàn thiện hồ sơ',
  'district-verification': 'Huyện thẩm tra hồ sơ',
  'provincial-verification': 'Tỉnh thẩm tra hồ sơ',
  'provincial-appraisal': 'Tỉnh thẩm định, Hội đồng thẩm định bỏ phiếu',
  supplementation: 'Xã bổ sung, hoàn thiện hồ sơ',
  decision: 'Chủ tịch UBND tỉnh xét, quyết định công nhận',
  announcement: 'Công bố quyết định công nhận',
  'revocation-assessment': 'Đánh giá, lấy ý kiến xét thu hồi quyết định công nhận',
  'revocation-decision': 'Chủ tịch UBND tỉnh quyết định thu hồi',
};

export const statusLabels: Readonly<Record<DossierStatus | 'none', string>> = {
  none: 'Chưa lập hồ sơ',
  preparing: 'Xã đang chuẩn bị hồ sơ',
  'in-review': 'Đang xem xét',
  returned: 'Trả lại để bổ sung',
  recognised: 'Đã công nhận',
  refused: 'Không công nhận',
  withdrawn: 'Đã rút hồ sơ',
  revoked: 'Đã thu hồi quyết định công nhận',
  'not-eligible': 'Không đủ điều kiện đề nghị xét công nhận (đã nêu rõ lý do)',
};

export const commandLabels: Readonly<Record<DossierCommandType, string>> = {
  OpenDossier: 'Lập hồ sơ',
  RecordSelfAssessment: 'Ghi kết quả tự đánh giá',
  RecordIndicatorAssessment: 'Kê khai giá trị các chỉ tiêu',
  OpenPublicPosting: 'Niêm yết công khai',
  RecordPublicComment: 'Ghi nhận ý kiến góp ý',
  ClosePublicPosting: 'Kết thúc niêm yết',
  RecordSurveyResult: 'Ghi kết quả lấy ý kiến sự hài lòng',
  HoldCommuneMeeting: 'Ghi kết quả họp, bỏ phiếu đề nghị',
  SubmitDossier: 'Nộp hồ sơ',
  VerifyDossier: 'Thẩm tra hồ sơ',
  ReturnForSupplementation: 'Trả hồ sơ để bổ sung',
  OpenDistrictPosting: 'Công khai báo cáo thẩm tra của huyện',
  CloseDistrictPosting: 'Kết thúc công khai báo cáo thẩm tra của huyện',
  HoldDistrictBoardVote: 'Ghi kết quả bỏ phiếu của Ban Chỉ đạo huyện',
  DeclareNotEligible: 'Kết luận không đủ điều kiện, nêu rõ lý do',
  ResubmitDossier: 'Nộp lại hồ sơ',
  OpenAppraisalPosting: 'Đăng tải báo cáo thẩm định',
  CloseAppraisalPosting: 'Kết thúc đăng tải báo cáo thẩm định',
  CastCouncilVote: 'Bỏ phiếu thẩm định',
  ConcludeAppraisal: 'Kết luận thẩm định',
  DecideRecognition: 'Quyết định công nhận',
  RefuseRecognition: 'Quyết định không công nhận',
  AnnounceRecognition: 'Công bố',
  WithdrawDossier: 'Rút hồ sơ',
  MarkStepOverdue: 'Đánh dấu quá hạn',
  RemindStepDeadline: 'Nhắc sắp đến hạn',
  RecordAnnualReview: 'Rà soát duy trì tiêu chí hằng năm',
  ProposeRevocation: 'Đề nghị thu hồi',
  AssessForRevocation: 'Đánh giá xét thu hồi',
  DecideRevocation: 'Quyết định thu hồi',
};

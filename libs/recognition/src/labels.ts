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
};

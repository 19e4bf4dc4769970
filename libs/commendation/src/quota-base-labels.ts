// Type imports only: the web app prints these too, from this file.
import type { QuotaBase } from './types';

/** What a quota is a share of, as its basis is written ("2/3 × 12 số xã của tỉnh"). */
export const quotaBaseLabels: Readonly<Record<QuotaBase, string>> = {
  'province-communes': 'số xã của tỉnh',
  'province-ntm-in-period': 'số xã được công nhận đạt chuẩn nông thôn mới trong giai đoạn',
  'province-ntm-communes': 'số xã đạt chuẩn nông thôn mới của tỉnh',
  'province-kieu-mau-communes': 'số xã nông thôn mới kiểu mẫu của tỉnh',
  'cluster-leaders': 'số đơn vị dẫn đầu cụm, khối thi đua trong năm',
};

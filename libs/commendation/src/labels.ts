import { levelLabels, type Level } from '@ntm/criteria';
import type { AchievementKind, AwardLevel, NomineeKind, QuotaBase } from './types';

export const awardLevelLabels: Readonly<Record<AwardLevel, string>> = {
  commune: 'cấp xã',
  district: 'cấp huyện',
  province: 'cấp tỉnh',
  central: 'cấp Trung ương',
};

export const nomineeKindLabels: Readonly<Record<NomineeKind, string>> = {
  commune: 'xã',
  collective: 'tập thể',
  individual: 'cá nhân',
};

export const achievementKindLabels: Readonly<Record<AchievementKind, string>> = {
  'movement-result': 'thành tích trong phong trào',
  'cluster-lead': 'dẫn đầu cụm, khối thi đua',
  other: 'thành tích khác',
};

export const quotaBaseLabels: Readonly<Record<QuotaBase, string>> = {
  'province-communes': 'số xã của tỉnh',
  'province-ntm-in-period': 'số xã được công nhận đạt chuẩn nông thôn mới trong giai đoạn',
  'province-ntm-communes': 'số xã đạt chuẩn nông thôn mới của tỉnh',
  'province-kieu-mau-communes': 'số xã nông thôn mới kiểu mẫu của tỉnh',
  'cluster-leaders': 'số đơn vị dẫn đầu cụm, khối thi đua trong năm',
};

export const levelsLabel = (levels: readonly Level[]): string => levels.map((l) => levelLabels[l]).join(', ');

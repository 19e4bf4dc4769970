import { levelLabels, type Level } from '@ntm/criteria';
import type { AchievementKind, AwardLevel, NomineeKind } from './types';

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

export const levelsLabel = (levels: readonly Level[]): string => levels.map((l) => levelLabels[l]).join(', ');

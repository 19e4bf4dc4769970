import { createHash } from 'node:crypto';
import { recipientKey, type Achievement, type Nominee } from './types';

/** Case, spacing and Unicode composition do not make a different achievement. */
export const normaliseText = (text: string): string =>
  text.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();

/**
 * "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích": the key of an achievement is its movement,
 * period, nominee and kind. A movement result or a cluster lead is one achievement whatever it is called, so the
 * text counts only for kind 'other'. The award type is not part of the key: another form is another award.
 */
export const achievementKey = (movementId: string, nominee: Nominee, achievement: Achievement): string => {
  const parts = [movementId, achievement.period.trim(), recipientKey(nominee), achievement.kind];
  if (achievement.kind === 'other') parts.push(normaliseText(achievement.text));
  return createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 40);
};

import type { Level, Period } from '@ntm/criteria';
import type { CommuneRecordEvent } from '../commune-record';

/**
 * The facts of a commune's recognition record, for the `given` of a specification: each dossier decision as the
 * commune-record process manager writes it.
 */

/** A dossier's recognition of `level`, decided on 20/12/2023 (2021-2025 unless told). */
export const recognitionGranted = (
  level: Level,
  dossierId: string,
  decisionNumber: string,
  period: Period = '2021-2025',
): CommuneRecordEvent => ({
  type: 'CommuneRecognitionGranted',
  data: { level, period, dossierId, decisionNumber, decidedOn: '2023-12-20' },
});

/** The dossier's recognition revoked by Decision 88/QĐ-UBND of 01/04/2026. */
export const recognitionRevoked = (
  level: Level,
  dossierId: string,
  period: Period = '2021-2025',
): CommuneRecordEvent => ({
  type: 'CommuneRecognitionRevoked',
  data: { level, period, dossierId, decisionNumber: '88/QĐ-UBND', decidedOn: '2026-04-01' },
});

import {
  canonicalJson,
  criteriaSetHash,
  kieuMauSet2021,
  nangCaoSet2021,
  ntmSet2021,
  toCriteriaSet,
} from '@ntm/criteria';
import type { CriteriaSetDocument, Level } from '@ntm/criteria';
import type { Upcaster } from '@ntm/event-store';
import { periodOf, type ProcedureDefinition } from './procedure-types';

/**
 * Stored events are never rewritten: old shapes are raised on read. DossierOpened before 2026 had no code,
 * period, pinned criteria-set document or commune group. Its procedure already held the 2021-2025 sets by
 * level; when they equal the built-in document's (a test pins that), the document is pinned as it would have
 * been, else none (the procedure's sets still decide). Procedures recorded before the yearly review existed gain
 * its role as the built-in procedures give it (the commune). The step fills only what is missing.
 */
const documents2021: Readonly<Partial<Record<Level, CriteriaSetDocument>>> = {
  ntm: ntmSet2021,
  'nang-cao': nangCaoSet2021,
  'kieu-mau': kieuMauSet2021,
};

const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

export const upcastDossierOpenedV1 = (raw: unknown): unknown => {
  const data = raw as Record<string, unknown> & { level: Level; procedure: ProcedureDefinition };
  if (!data || typeof data !== 'object' || !data.procedure) return raw;
  const document = documents2021[data.level];
  const held = data.procedure.criteria?.[data.level];
  const pinned =
    document &&
    held &&
    periodOf(data.procedure) === '2021-2025' &&
    sameJson(held, toCriteriaSet(document, data.level))
      ? { id: document.id, version: document.version, hash: criteriaSetHash(document), document }
      : null;
  const roles = data.procedure.roles;
  return {
    ...data,
    procedure: roles.annualReview
      ? data.procedure
      : { ...data.procedure, roles: { ...roles, annualReview: 'commune_officer' } },
    code: data.code ?? null,
    period: data.period ?? periodOf(data.procedure),
    criteriaSet: data.criteriaSet === undefined ? pinned : data.criteriaSet,
    communeGroup: data.communeGroup ?? null,
  };
};

/**
 * DossierSubmitted and DossierResubmitted before the correction of conditions 3 and 4 (Decision 03/2024/QĐ-TTg,
 * RULES-2026 §3) carried declared flags and no documents: they keep their flags and gain empty document fields,
 * so the round is judged as it was declared.
 */
export const upcastSubmissionV1 = (raw: unknown): unknown => {
  const data = raw as Record<string, unknown>;
  if (!data || typeof data !== 'object') return raw;
  return {
    ...data,
    securityCertificate: data.securityCertificate ?? null,
    debtConfirmation: data.debtConfirmation ?? null,
  };
};

/**
 * Recognitions (the dossier's RecognitionGranted / RecognitionRevoked and the commune record's copies) and the
 * province's acknowledgements carried no period before 2026-2030 recognitions were told apart from 2021-2025
 * ones (period-rules.ts). Every dossier before then was of 2021-2025 but for the 2026-2030 pilot level, and every
 * acknowledgement was of the July 2025 mergers: the period is raised from that. Reading an older 2026-2030 NTM
 * recognition as 2021-2025 can only let a commune open a dossier its slot (one open dossier per commune, level and
 * period) still refuses; the reverse would credit a level never judged against the new set.
 */
export const upcastRecognitionPeriodV1 = (raw: unknown): unknown => {
  const data = raw as Record<string, unknown> & { level?: Level };
  if (!data || typeof data !== 'object' || data.period !== undefined) return raw;
  return { ...data, period: data.level === 'hien-dai' ? '2026-2030' : '2021-2025' };
};

export const recognitionUpcasters: readonly Upcaster[] = [
  { eventType: 'DossierOpened', fromVersion: 1, upcast: upcastDossierOpenedV1 },
  { eventType: 'DossierSubmitted', fromVersion: 1, upcast: upcastSubmissionV1 },
  { eventType: 'DossierResubmitted', fromVersion: 1, upcast: upcastSubmissionV1 },
  ...[
    'RecognitionGranted',
    'RecognitionRevoked',
    'CommuneRecognitionGranted',
    'CommuneRecognitionRevoked',
    'CommuneStatusAcknowledged',
  ].map((eventType) => ({ eventType, fromVersion: 1, upcast: upcastRecognitionPeriodV1 })),
];

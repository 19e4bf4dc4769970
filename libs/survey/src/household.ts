import { createHmac } from 'node:crypto';
import type { TokenScheme } from './types';

/**
 * Household codes are hashed with a keyed HMAC before they reach the domain, so the events can prove that no
 * household answered twice without anyone reading who answered what. The key lives in configuration only.
 */

/** Shortest key accepted: an HMAC key shorter than this is guessable. */
const MIN_KEY_BYTES = 16;
const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

const collapseSpaces = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/** "  hk 001 " and "HK 001" are the same household: trim, collapse spaces, NFC, upper case. */
export const normaliseHouseholdCode = (code: string): string => collapseSpaces(code).toUpperCase();

/** Village names keep their case (they are shown) but not stray spaces or decomposed diacritics. */
export const normaliseVillage = (village: string): string => collapseSpaces(village);

const hmac = (key: string | Buffer, message: string): string => {
  if (Buffer.byteLength(key) < MIN_KEY_BYTES) {
    throw new Error(`Survey household key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
};

/**
 * The 'per-household' token: HMAC-SHA256 of the normalised code alone, the same in every round. Only for
 * registers imported before per-survey tokens; new registers use surveyHouseholdToken.
 */
export const householdToken = (key: string | Buffer, code: string): string =>
  hmac(key, normaliseHouseholdCode(code));

/**
 * The 'per-survey' token: HMAC-SHA256 over the survey id and the normalised code, lower-case hex. The same
 * household has unrelated tokens in two rounds, so rounds cannot be joined on it.
 */
export const surveyHouseholdToken = (key: string | Buffer, surveyId: string, code: string): string =>
  hmac(key, `survey:${surveyId}\nhousehold:${normaliseHouseholdCode(code)}`);

/** The token of a code under the scheme a survey's register was imported with. */
export const tokenUnder = (
  scheme: TokenScheme,
  key: string | Buffer,
  surveyId: string,
  code: string,
): string =>
  scheme === 'per-survey' ? surveyHouseholdToken(key, surveyId, code) : householdToken(key, code);

/** Guards the domain against a shell that forgot to hash: a raw code must never reach an event. */
export const isHouseholdToken = (value: unknown): value is string =>
  typeof value === 'string' && TOKEN_PATTERN.test(value);

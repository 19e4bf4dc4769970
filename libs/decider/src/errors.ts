/**
 * Domain errors carry a stable machine code and a Vietnamese message for the user.
 * `kind` tells the shell which HTTP status to answer with; the domain never knows HTTP.
 */
export type DomainErrorKind =
  | 'invalid' // malformed input: 400
  | 'forbidden' // role or jurisdiction: 403
  | 'not-found' // 404
  | 'conflict' // state conflict (duplicate, already done): 409
  | 'rule'; // a rule of the procedure: 422

export interface Violation {
  /** Machine code of the failed rule or condition, e.g. CRITERION_NOT_MET. */
  readonly code: string;
  /** Vietnamese explanation naming the criterion, field or rule. */
  readonly message: string;
  readonly field?: string;
  readonly criterion?: number;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    /** Every violation, not only the first (the law asks for all reasons). */
    readonly violations: readonly Violation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (code: string, message: string, field?: string) =>
  new DomainError('invalid', code, message, field ? [{ code, message, field }] : []);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string) => new DomainError('not-found', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const ruleBroken = (code: string, message: string, violations: readonly Violation[] = []) =>
  new DomainError('rule', code, message, violations);

/**
 * The list a command carries, or none when hostile input sent something else. Array.isArray alone would widen
 * a readonly list to any[] and lose the element type the checks rely on.
 */
export const listOr = <T>(value: readonly T[] | null | undefined): readonly T[] =>
  Array.isArray(value) ? (value as readonly T[]) : [];

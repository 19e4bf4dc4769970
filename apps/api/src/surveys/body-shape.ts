import { BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Violation } from '@ntm/decider';
import { answersShapeViolation, MAX_BATCH_FORMS } from '@ntm/survey';

/**
 * The size of a survey request body, checked on the parsed JSON before the validation pipe runs: the pipe's
 * class-transformer copies every object it is given, with a uniqueness check of its keys that is quadratic
 * (100,000 answers froze the server for 9 s, 300,000 for 240 s). This walk is linear, stops at the first
 * excess, and knows the one object whose keys are data: a form's `answers`.
 */
export const BODY_LIMITS = {
  /** Fields of any other object of a survey request (the largest DTO has 5). */
  maxKeys: 20,
  /** Items of any list: a batch's forms or households. */
  maxItems: MAX_BATCH_FORMS,
  /** Nesting: body > input > forms > [i] > answers > value. */
  maxDepth: 8,
} as const;

const tooMuch = (code: string, field: string, message: string): Violation => ({ code, field, message });

/** The first violation of the limits in `value`, or undefined. */
export const bodyShapeViolation = (value: unknown, path = '', depth = 0): Violation | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = path || 'body';
  if (depth > BODY_LIMITS.maxDepth) {
    return tooMuch('TOO_DEEP', field, `Trường '${field}' lồng quá ${BODY_LIMITS.maxDepth} cấp`);
  }
  if (Array.isArray(value)) {
    if (value.length > BODY_LIMITS.maxItems) {
      return tooMuch('TOO_MANY_ITEMS', field, `Trường '${field}' có tối đa ${BODY_LIMITS.maxItems} phần tử`);
    }
    for (let i = 0; i < value.length; i++) {
      const found = bodyShapeViolation(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (path === 'answers' || path.endsWith('.answers')) {
    // Its keys are question ids: at most one per question, each answered with a short string.
    return answersShapeViolation(value, field);
  }
  let keys = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (++keys > BODY_LIMITS.maxKeys) {
      return tooMuch(
        'TOO_MANY_FIELDS',
        field,
        `Trường '${field}' có tối đa ${BODY_LIMITS.maxKeys} trường con`,
      );
    }
    const found = bodyShapeViolation(
      (value as Record<string, unknown>)[key],
      path ? `${path}.${key.slice(0, 50)}` : key.slice(0, 50),
      depth + 1,
    );
    if (found) return found;
  }
  return undefined;
};

/**
 * Refuses an oversized survey request body (400) before any pipe walks it. A guard, as it only looks: an
 * interceptor would put every survey route, the residents' ballots among them, through Nest's rxjs chain.
 */
@Injectable()
export class SurveyBodyLimits implements CanActivate {
  canActivate(context: ExecutionContext): true {
    const violation = bodyShapeViolation(context.switchToHttp().getRequest<Request>().body);
    if (violation) {
      throw new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: violation.message,
        violations: [violation],
      });
    }
    return true;
  }
}

import { createParamDecorator, ExecutionContext, type RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { invalid, type Actor } from '@ntm/decider';
import type { RequestContext } from '@ntm/application';
import type { AuthenticatedRequest } from '../auth/current-actor';

/** The headers every command reads: Idempotency-Key, If-Match, X-Correlation-Id. */
export interface CommandHeaders {
  readonly actor: Actor;
  readonly idempotencyKey?: string;
  readonly expectedVersion?: number;
  readonly correlationId?: string;
}

/** A correlation id is stored on every event it causes: short, and without spaces or control characters. */
const CORRELATION_ID = /^[0-9A-Za-z_.:-]{1,100}$/;

const parseIfMatch = (value: string | undefined): number | undefined => {
  if (value === undefined || value === '') return undefined;
  // Accept a bare version or an ETag, strong or weak: 3, "3", W/"3".
  const match = value.trim().match(/^(?:W\/)?"?(\d{1,9})"?$/);
  if (!match)
    throw invalid(
      'INVALID_IF_MATCH',
      `Tiêu đề If-Match '${value.slice(0, 40)}' không hợp lệ: cần số phiên bản của hồ sơ`,
      'If-Match',
    );
  return Number(match[1]);
};

export const RequestMeta = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandHeaders => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  // Node joins a repeated custom header into one string, so each of these is a string or absent.
  const header = (name: string) => request.headers[name] as string | undefined;
  const key = header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 200)) {
    throw invalid(
      'INVALID_IDEMPOTENCY_KEY',
      'Tiêu đề Idempotency-Key phải dài từ 1 đến 200 ký tự',
      'Idempotency-Key',
    );
  }
  const correlationId = header('x-correlation-id');
  if (correlationId !== undefined && !CORRELATION_ID.test(correlationId)) {
    throw invalid(
      'INVALID_CORRELATION_ID',
      'Tiêu đề X-Correlation-Id phải dài từ 1 đến 100 ký tự, gồm chữ, chữ số và dấu _ . : -',
      'X-Correlation-Id',
    );
  }
  return {
    actor: request.actor,
    idempotencyKey: key,
    expectedVersion: parseIfMatch(header('if-match')),
    correlationId,
  };
});

/** The command gateway's context for a request: its headers, the clock's now, and what caused it. */
export const requestContext = (headers: CommandHeaders, now: Date, causationId?: string): RequestContext => ({
  actor: headers.actor,
  now,
  expectedVersion: headers.expectedVersion,
  idempotencyKey: headers.idempotencyKey,
  correlationId: headers.correlationId,
  causationId,
});

/** A loaded file's JSON text as sent (so its problems name the sender's lines), else the body laid out with 2-space indents. */
export const documentText = (req: RawBodyRequest<Request>, body: unknown): string =>
  req.rawBody && req.rawBody.length > 0 ? req.rawBody.toString('utf8') : JSON.stringify(body, null, 2);

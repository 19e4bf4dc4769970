import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

/** A client-sent id is logged only when it is a short token; anything else is replaced, never echoed. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
};

const REQUEST_ID = Symbol('requestId');

export type LoggedRequest = IncomingMessage & { [REQUEST_ID]?: string; originalUrl?: string };

/** What a log line says of a request: its id, method and path, and the caller's correlation id when sent. */
export const requestFields = (req: LoggedRequest) => ({
  req: {
    id: req[REQUEST_ID],
    method: req.method,
    url: req.originalUrl ?? req.url,
    remoteAddress: req.socket?.remoteAddress,
  },
  correlationId: headerOf(req, 'x-correlation-id'),
});

/**
 * One line per request when its answer is sent (or the client goes away first), with the request id (the
 * caller's X-Request-Id when it is a short token, else a new one, echoed in the answer) and the caller's
 * correlation id. No header is logged, so tokens, cookies and keys never reach a log line; an undefined field is
 * left out of the JSON.
 */
export const requestLog =
  (logger: Logger) =>
  (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const startedAt = Date.now();
    const id = headerOf(req, 'x-request-id') ?? randomUUID();
    req[REQUEST_ID] = id;
    res.setHeader('X-Request-Id', id);
    res.once('close', () => {
      const line = {
        ...requestFields(req),
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - startedAt,
      };
      if (!res.writableFinished) logger.warn(line, 'request aborted');
      else if (res.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    });
    next();
  };

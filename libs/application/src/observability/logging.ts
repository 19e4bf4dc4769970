import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** A client-sent id is logged only when it is a short token; anything else is replaced, never echoed. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const headerOf = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return typeof value === 'string' && SAFE_ID.test(value) ? value : undefined;
};

/**
 * Structured JSON logs (pino): one line per event, with the request id and the caller's correlation id on every
 * line a request writes. No colours: lines go to log collectors, not to a terminal.
 */
export const loggingParams = (config: Pick<AppConfig, 'logLevel'>): Params => ({
  pinoHttp: {
    level: config.logLevel,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = headerOf(req, 'x-request-id') ?? randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Nothing without a correlation id: pino-http then makes no second child logger for the request (its bindings
    // serialised again), and the line reads the same, an undefined id being left out of JSON anyway.
    customProps: (req: IncomingMessage) => {
      const correlationId = headerOf(req, 'x-correlation-id');
      return (correlationId === undefined ? undefined : { correlationId }) as object;
    },
    // What a request line needs, and no more: copying every header into each line (then redacting the secret
    // ones) cost more than anything else in the logging of a command. No header is logged, so tokens, cookies
    // and keys never reach a log line (nothing left to redact). The serializers read the raw request and
    // response (wrapSerializers off): pino's standard wrappers would first copy both into objects of their own.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.originalUrl ?? req.url,
        remoteAddress: req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error || res.statusCode >= 500 ? 'error' : 'info',
  },
});

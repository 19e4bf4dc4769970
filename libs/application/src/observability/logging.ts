import pino, { type Logger } from 'pino';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/** The process's one pino logger: structured JSON lines, no colours (lines go to log collectors). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export const createRootLogger = (config: Pick<AppConfig, 'logLevel'>): Logger =>
  pino({ level: config.logLevel });

/**
 * nestjs-pino adapts Nest's logger to the root logger, and its request middleware is not mounted (`forRoutes`
 * empty, as its docs allow): that middleware keeps each request's logger in an AsyncLocalStorage, which on
 * Node 20 turns on promise hooks for every promise of the process, and makes a child logger per request. Together
 * they were 15% of a command's API CPU. The request line is written by the API's own middleware
 * (apps/api/src/http/request-log.ts); a line written while answering a request names the request itself.
 */
export const loggingParams = (root: Logger): Params => ({ pinoHttp: { logger: root }, forRoutes: [] });

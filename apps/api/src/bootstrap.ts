import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@ntm/application';
import { requestLog } from './http/request-log';
import { applyHttpSecurity } from './http/security';
import { bodyParserErrors, bodyShapeGuard, JSON_BODY_LIMIT } from './http/body-limits';
import { mountOpenApi } from './http/swagger';
import { mountBallotBodyLimit } from './surveys/ballot-body';
import { validationPipe } from './http/validation';
import { mountWebAndSignIn } from './web/web-app';
import { mountBullBoard } from './operations/bull-board';

/** What every HTTP app gets, in production and in tests alike. */
export const configureHttpApp = (app: NestExpressApplication): void => {
  const config = app.get<AppConfig>(APP_CONFIG);
  // First, so that every request is logged, those refused by the middleware below included.
  app.use(requestLog(app.get(ROOT_LOGGER)));
  applyHttpSecurity(app, config);
  // Before the body parsers: the OIDC provider reads its own request bodies.
  mountWebAndSignIn(app);
  // Queues (Bull Board) for administrators, checked with the API's own tokens.
  mountBullBoard(app);
  // The public ballot route reads at most 16 KB, before the general parser below.
  mountBallotBodyLimit(app);
  // A village board's paper batch of 500 full forms is ~230 KB of JSON: above Express's 100 KB default.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  // Too deep or too wide a body is refused before validation walks it (recursively).
  app.use(bodyParserErrors, bodyShapeGuard);
  app.useGlobalPipes(validationPipe());
  // In production the API's map is published only when asked for (OPENAPI=on).
  if (config.openApi) mountOpenApi(app);
};

/** Builds the HTTP app around a root module. */
export const createHttpApp = async (
  root: Parameters<typeof NestFactory.create>[0],
  logger = true,
): Promise<INestApplication> => {
  // rawBody: a loaded criteria set's problems name the lines of the JSON as sent.
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: logger ? undefined : false,
    bufferLogs: logger,
    rawBody: true,
  });
  // JSON lines through pino once the app exists (buffered until then).
  if (logger) app.useLogger(app.get(PinoLogger));
  configureHttpApp(app);
  app.enableShutdownHooks();
  return app;
};

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountOpenApi } from './http/swagger';
import { validationPipe } from './http/validation';
import { mountWebAndSignIn } from './web/web-app';

/** What every HTTP app gets, in production and in tests alike. */
export const configureHttpApp = (app: NestExpressApplication): void => {
  // Before the body parsers: the OIDC provider reads its own request bodies.
  mountWebAndSignIn(app);
  // A village board's paper batch of 500 full forms is ~230 KB of JSON: above Express's 100 KB default.
  app.useBodyParser('json', { limit: '8mb' });
  app.useGlobalPipes(validationPipe());
  mountOpenApi(app);
};

/** Builds the HTTP app around a root module. */
export const createHttpApp = async (
  root: Parameters<typeof NestFactory.create>[0],
  logger = true,
): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(root, { logger: logger ? undefined : false });
  configureHttpApp(app);
  app.enableShutdownHooks();
  return app;
};

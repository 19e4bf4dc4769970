import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountOpenApi } from './http/swagger';
import { validationPipe } from './http/validation';

/** What every HTTP app gets, in production and in tests alike. */
export const configureHttpApp = (app: NestExpressApplication): void => {
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
  // rawBody: a loaded criteria set's problems name the lines of the JSON as sent.
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: logger ? undefined : false,
    rawBody: true,
  });
  configureHttpApp(app);
  app.enableShutdownHooks();
  return app;
};

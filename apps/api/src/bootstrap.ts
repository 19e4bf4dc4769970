import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mountOpenApi } from './http/swagger';
import { validationPipe } from './http/validation';

/** Builds the HTTP app around a root module: validation, OpenAPI, shutdown hooks. */
export const createHttpApp = async (root: Parameters<typeof NestFactory.create>[0], logger = true): Promise<INestApplication> => {
  const app = await NestFactory.create<NestExpressApplication>(root, { logger: logger ? undefined : false });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  mountOpenApi(app);
  return app;
};

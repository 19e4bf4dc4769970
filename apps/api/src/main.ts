import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiModule } from './app.module';
import { createHttpApp } from './bootstrap';
import { configFromEnv, exitOnStartupFailure } from '@ntm/application';

/** The API alone (scale it horizontally); run apps/worker beside it. */
const main = async () => {
  const config = configFromEnv();
  const app = await createHttpApp(ApiModule.forRoot(config));
  await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
  Logger.log(`API listening on port ${config.port}`, 'Main');
};

main().catch(exitOnStartupFailure);

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiModule } from './app.module';
import { createHttpApp } from './bootstrap';
import { loadAppConfig, exitOnStartupFailure } from '@ntm/application';

/** The API alone (scale it horizontally); run apps/worker beside it. */
const main = async () => {
  const config = await loadAppConfig();
  const app = await createHttpApp(ApiModule.forRoot(config));
  await app.listen(config.port, config.host);
  Logger.log(`API listening on port ${config.port}`, 'Main');
};

main().catch(exitOnStartupFailure);

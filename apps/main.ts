import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiModule } from './api/src/app.module';
import { createHttpApp } from './api/src/bootstrap';
import { configFromEnv } from '@ntm/application';
import { seedDemo } from './cli/src/demo';
import { SingleProcessModule } from './single-process.module';

const main = async () => {
  const config = configFromEnv();
  const app = await createHttpApp(
    config.runWorker ? SingleProcessModule.forRoot(config) : ApiModule.forRoot(config),
  );
  await app.listen(config.port, '127.0.0.1');
  const base = `http://127.0.0.1:${config.port}`;
  Logger.log(`NTM Dossiers listening on ${base} (OpenAPI: ${base}/api/docs)`, 'Main');
  if (process.env.DEMO_SEED !== 'off') await seedDemo(app, base);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

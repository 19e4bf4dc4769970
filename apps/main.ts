import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from './api/src/app.module';
import { createHttpApp } from './api/src/bootstrap';
import { configFromEnv, type AppConfig } from './api/src/config/app-config';
import { WorkerModule } from './worker/src/worker.module';
import { seedDemo } from './cli/src/demo';

/** API and worker in one process: the single-machine deployment and `npm start`. */
@Module({})
export class SingleProcessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: SingleProcessModule, imports: [ApiModule.forRoot(config), WorkerModule] };
  }
}

const main = async () => {
  const config = configFromEnv();
  const app = await createHttpApp(config.runWorker ? SingleProcessModule.forRoot(config) : ApiModule.forRoot(config));
  await app.listen(config.port, '127.0.0.1');
  const base = `http://127.0.0.1:${config.port}`;
  Logger.log(`NTM Dossiers listening on ${base} (OpenAPI: ${base}/api/docs)`, 'Main');
  if (process.env.DEMO_SEED !== 'off') await seedDemo(app, base);
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

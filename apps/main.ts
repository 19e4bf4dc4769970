import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiModule } from './api/src/app.module';
import { createHttpApp } from './api/src/bootstrap';
import { loadAppConfig, exitOnStartupFailure } from '@ntm/application';
import { demoRequested, seedDemo } from './cli/src/demo';
import { SingleProcessModule } from './single-process.module';

/**
 * API and worker in one process. `--demo` (what `npm start` passes) also prints a token per demo role and walks
 * the demo dossier; it is refused in production before anything starts.
 */
const main = async () => {
  const config = await loadAppConfig();
  const demo = demoRequested(process.argv.slice(2), config);
  const app = await createHttpApp(
    config.runWorker ? SingleProcessModule.forRoot(config) : ApiModule.forRoot(config),
  );
  await app.listen(config.port, '127.0.0.1');
  const base = `http://127.0.0.1:${config.port}`;
  Logger.log(
    `NTM Dossiers listening on ${base}${config.openApi ? ` (OpenAPI: ${base}/api/docs)` : ''}`,
    'Main',
  );
  if (demo) await seedDemo(app, base);
};

main().catch(exitOnStartupFailure);

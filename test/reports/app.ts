import { Client } from 'pg';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '@ntm/read-models';
import { ApiModule } from '../../apps/api/src/app.module';
import { TokenService } from '../../apps/api/src/auth/tokens';
import { configFromEnv, type AppConfig } from '../../apps/api/src/config/app-config';
import { Clock } from '../../apps/api/src/config/clock';
import { openDatabase } from '../../apps/api/src/infrastructure/database';
import { EVENT_STORE } from '../../apps/api/src/infrastructure/infrastructure.module';
import { validationPipe } from '../../apps/api/src/http/validation';
import { TEST_DATABASE_URL, TestClock, type TestApp } from '../support/harness';

/**
 * The API (with the worker when asked) on its own schema, its DataSource opened with the read models' entities and
 * migrations, as InfrastructureModule.forRoot(config, { entities, migrations }) will once wired.
 */
export const startReportsApp = async (name: string, options: { worker?: boolean } = {}): Promise<TestApp> => {
  const schema = `t_${name}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  const config: AppConfig = {
    ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
    databaseUrl: TEST_DATABASE_URL,
    schema,
    queuePrefix: `test_${schema}_${Date.now()}`,
    documentsDir: `./var/test-documents/${schema}`,
    runWorker: options.worker ?? false,
  };
  const clock = new TestClock();
  const root = config.runWorker
    ? (await import('../../apps/single-process.module')).SingleProcessModule.forRoot(config)
    : ApiModule.forRoot(config);
  const moduleRef = await Test.createTestingModule({ imports: [root] })
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(DataSource)
    .useFactory({
      inject: [EVENT_STORE],
      factory: () =>
        openDatabase(config, { entities: READ_MODEL_ENTITIES, migrations: READ_MODEL_MIGRATIONS }),
    })
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.useGlobalPipes(validationPipe());
  await app.init();
  const tokens = new TokenService(config.jwtSecret);
  let n = 0;
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    clock,
    token: (role, claims = {}) => tokens.mint({ sub: `${role}-${++n}`, role, ...claims }),
    close: () => app.close(),
  };
};

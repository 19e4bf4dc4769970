import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import { configFromEnv, InfrastructureModule } from '@ntm/application';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { testDatabaseUrl, testQueuePrefix } from '../support/test-database';

/**
 * The worker process imports the survey module without the HTTP app around it: everything the survey routes'
 * guards need (the rate limit's options and Redis storage) must resolve there too.
 */
it('the worker process starts and stops with the survey module', async () => {
  const config = {
    ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
    databaseUrl: testDatabaseUrl(),
    schema: 't_survey_worker_boot',
    queuePrefix: testQueuePrefix('survey_worker_boot'),
  };
  const app = await Test.createTestingModule({
    imports: [InfrastructureModule.forRoot(config), CqrsModule.forRoot(), WorkerModule],
  }).compile();
  await expect(app.init()).resolves.toBe(app);
  await app.close();
});

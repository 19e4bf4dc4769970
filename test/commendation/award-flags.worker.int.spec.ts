import { dossierStreamId } from '@ntm/recognition';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { registerDecider, registerStreamId, type RegisterEvent } from '@ntm/commendation';
import type { EventStore, EventToAppend } from '@ntm/event-store';
import { ApiModule } from '../../apps/api/src/app.module';
import { configFromEnv, EVENT_STORE } from '@ntm/application';
import { CommendationWorkerModule } from '../../apps/worker/src/commendation/commendation-worker.module';
import {
  bangKhen,
  chairman,
  meta,
  movement,
  nongThuong,
  PROVINCE,
} from '../../libs/commendation/src/testing/fixtures';
import { testDatabaseUrl, testQueuePrefix } from '../support/test-database';
import { eventually } from '../support/eventually';

const SCHEMA = 't_commendation_worker';

const event = (type: string, data: unknown): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { actor: 'test', role: 'system', correlationId: randomUUID(), causationId: randomUUID() },
});

/** The worker module on its own: its runner subscribes, and a revoked recognition flags the award that rested on it. */
describe('CommendationWorkerModule', () => {
  let app: INestApplication;
  let store: EventStore;

  beforeAll(async () => {
    const pg = new Client({ connectionString: testDatabaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await pg.end();
    const config = {
      ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
      databaseUrl: testDatabaseUrl(),
      schema: SCHEMA,
      queuePrefix: testQueuePrefix(SCHEMA),
      runWorker: false,
    };
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(config), CommendationWorkerModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.init();
    store = app.get(EVENT_STORE);
  });
  afterAll(() => app.close());

  it('flags the dependent award from the subscription', async () => {
    const dossierId = randomUUID();
    const [issued] = registerDecider.decide(
      {
        type: 'IssueDecision',
        data: {
          provinceCode: PROVINCE,
          decisionId: 'qd-2500',
          number: '2500/QĐ-UBND',
          decidedOn: '2025-12-26',
          awardType: bangKhen,
          nominations: [
            {
              id: 'n-1',
              status: 'approved',
              provinceCode: PROVINCE,
              awardType: bangKhen,
              movement,
              year: 2025,
              nominee: nongThuong,
              achievement: { kind: 'movement-result', period: '2021-2025', text: 'x' },
              restsOn: [dossierId],
            },
          ],
        },
        metadata: meta(chairman),
      },
      registerDecider.initialState(),
    );
    await store.append(registerStreamId(PROVINCE), [event(issued.type, issued.data)], {
      expectedVersion: 'no-stream',
    });
    await store.append(
      dossierStreamId(dossierId),
      [
        event('DossierOpened', {
          dossierId,
          commune: {
            provinceCode: PROVINCE,
            districtCode: '058',
            communeCode: '01843',
            name: 'xã Nông Thượng',
          },
          level: 'ntm',
          year: 2025,
        }),
        event('RecognitionRevoked', {
          dossierId,
          communeCode: '01843',
          level: 'ntm',
          decisionNumber: '88/QĐ-UBND',
          decidedOn: '2026-04-01',
        }),
      ],
      { expectedVersion: 'no-stream' },
    );

    // Await the runner's write, bounded: the flag is the condition, not a fixed delay.
    const flags = await eventually(
      async () => {
        const events = await store.readStream(registerStreamId(PROVINCE));
        const found = events.filter((e) => e.type === 'AwardFlagged') as unknown as RegisterEvent[];
        return found.length > 0 ? found : undefined;
      },
      'the runner to flag the award',
      90_000,
    );
    expect(flags).toHaveLength(1);
    expect(flags[0].data).toMatchObject({
      awardId: 'qd-2500-1',
      reason: { kind: 'recognition-revoked', dossierId, decisionNumber: '88/QĐ-UBND' },
    });
    const [flagged] = await store.readStream(registerStreamId(PROVINCE), { fromVersion: 2 });
    expect(flagged.metadata).toMatchObject({ role: 'system', actor: 'system:award-flags' });
  });
});

import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  achievementStreamId,
  nominationDecider,
  nominationStreamId,
  registerDecider,
  registerStreamId,
  reservationDecider,
  type Nomination,
  type NominationCommand,
  type NominationEvent,
} from '@ntm/commendation';
import { fold, type Actor } from '@ntm/decider';
import type { EventStore, EventToAppend, RecordedEvent } from '@ntm/event-store';
import { deliver, listRefusals } from '@ntm/read-models';
import { ApiModule } from '../../apps/api/src/app.module';
import { configFromEnv, Clock, CommandGateway, EVENT_STORE } from '@ntm/application';
import { CommendationWorkerModule } from '../../apps/worker/src/commendation/commendation-worker.module';
import { NominationAwardManager } from '../../apps/worker/src/commendation/nomination-award.manager';
import { NominationPlacesManager } from '../../apps/worker/src/commendation/nomination-places.manager';
import { ManagerRunners } from '../../apps/worker/src/worker-core.module';
import {
  bangKhen,
  board,
  chairman,
  districtOfficer,
  members,
  meta,
  movement,
  nongThuong,
  PROVINCE,
  record,
  secretary,
} from '../../libs/commendation/src/testing/fixtures';
import { eventually } from '../support/eventually';
import { testDatabaseUrl } from '../support/test-database';

const SCHEMA = 't_commendation_managers';

const stored = (type: string, data: unknown, actor: Actor): EventToAppend => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: { actor: actor.id, role: actor.role, correlationId: randomUUID(), causationId: randomUUID() },
});

/** A nomination's events from the commands given, each decided on the state the ones before it left. */
const decided = (commands: NominationCommand[]): NominationEvent[] => {
  const events: NominationEvent[] = [];
  for (const c of commands)
    events.push(
      ...nominationDecider.decide(
        c,
        fold(nominationDecider.evolve, nominationDecider.initialState(), events),
      ),
    );
  return events;
};

/** Submitted, reviewed by the board and approved: what a decision may award. */
const approvedNomination = (nominationId: string, text: string): NominationEvent[] =>
  decided([
    {
      type: 'SubmitNomination',
      data: {
        nominationId,
        provinceCode: PROVINCE,
        movement,
        year: 2025,
        nominee: nongThuong,
        awardType: bangKhen,
        achievement: { kind: 'other', period: '2025', text },
        documents: [],
        record: record(),
      },
      metadata: meta(districtOfficer),
    },
    {
      type: 'OpenReview',
      data: { board, present: [secretary.id, ...members.map((m) => m.id)], meetingOn: '2025-11-25' },
      metadata: meta(secretary),
    },
    ...[secretary, members[0], members[1]].map((by): NominationCommand => ({
      type: 'CastVote',
      data: { ballot: 'for' },
      metadata: meta(by),
    })),
    { type: 'ConcludeReview', data: { board }, metadata: meta(secretary) },
  ]);

/**
 * The commendation's process managers in the worker module on their own: the effects a command used to write
 * inline after its own append (and lost when the process died in between) are written from the event, once.
 */
describe('Commendation process managers (worker)', () => {
  let app: INestApplication;
  let store: EventStore;
  let runners: ManagerRunners['runners'];

  const appendNomination = async (nominationId: string, events: NominationEvent[], by = secretary) => {
    await store.append(
      nominationStreamId(nominationId),
      events.map((e) => stored(e.type, e.data, by)),
      { expectedVersion: 'any' },
    );
  };
  const nominationOf = async (nominationId: string): Promise<Nomination> => {
    const events = await store.readStream(nominationStreamId(nominationId));
    return fold(
      nominationDecider.evolve,
      nominationDecider.initialState(),
      events as unknown as NominationEvent[],
    ) as Nomination;
  };
  const eventsOf = async (streamId: string, type: string): Promise<RecordedEvent[]> =>
    (await store.readStream(streamId)).filter((e) => e.type === type);

  beforeAll(async () => {
    const pg = new Client({ connectionString: testDatabaseUrl() });
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await pg.end();
    const config = {
      ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
      databaseUrl: testDatabaseUrl(),
      schema: SCHEMA,
      runWorker: false,
    };
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot(config), CommendationWorkerModule],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    await app.init();
    store = app.get(EVENT_STORE);
    runners = app.get(ManagerRunners).runners;
  });
  afterAll(() => app.close());

  it('awards each nomination of a decision issued while the worker was down, once, redelivered or not', async () => {
    const awardRunner = runners.get('pm:nomination-award')!;
    // The worker is down: the decision is issued and nothing carries it to the nominations.
    await awardRunner.stop();
    const ids = [randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries())
      await appendNomination(id, approvedNomination(id, `Thành tích ${i}`));
    const nominations = await Promise.all(ids.map(nominationOf));
    expect(nominations.map((n) => n.status)).toEqual(['approved', 'approved']);
    const [issued] = registerDecider.decide(
      {
        type: 'IssueDecision',
        data: {
          provinceCode: PROVINCE,
          decisionId: 'qd-2600',
          number: '2600/QĐ-UBND',
          decidedOn: '2025-12-26',
          awardType: bangKhen,
          nominations,
        },
        metadata: meta(chairman),
      },
      registerDecider.initialState(),
    );
    const { position } = await store.append(
      registerStreamId(PROVINCE),
      [stored(issued.type, issued.data, chairman)],
      { expectedVersion: 'no-stream' },
    );
    expect((await nominationOf(ids[0])).status).toBe('approved');

    // The worker starts again: it takes up the decision from its checkpoint.
    await awardRunner.start();
    await awardRunner.waitFor(position);
    const [decision] = await store.readStream(registerStreamId(PROVINCE));
    for (const [i, id] of ids.entries()) {
      expect(await nominationOf(id)).toMatchObject({
        status: 'awarded',
        award: { decisionId: 'qd-2600', awardId: `qd-2600-${i + 1}`, decisionNumber: '2600/QĐ-UBND' },
      });
      const [awarded] = await eventsOf(nominationStreamId(id), 'NominationAwarded');
      expect(awarded.metadata).toMatchObject({
        actor: 'system:nomination-award',
        role: 'system',
        causationId: decision.eventId,
        correlationId: decision.metadata.correlationId,
      });
    }

    // Delivered again (a crash after the awards, before the checkpoint moved): nothing is written twice.
    const manager = new NominationAwardManager(app.get(CommandGateway), app.get(Clock));
    await deliver(manager, [decision]);
    await deliver(manager, [decision]);
    for (const id of ids) expect(await eventsOf(nominationStreamId(id), 'NominationAwarded')).toHaveLength(1);
  });

  it('records a nomination that can no longer take its award as a refusal, and moves on', async () => {
    const id = randomUUID();
    await appendNomination(id, approvedNomination(id, 'Thành tích rút'));
    const nomination = await nominationOf(id);
    // Withdrawn between the decision and its recording (the register checked it while still approved).
    const withdrawn = nominationDecider.decide(
      { type: 'WithdrawNomination', data: { board, reason: 'Xã xin rút' }, metadata: meta(districtOfficer) },
      nomination,
    );
    const [issued] = registerDecider.decide(
      {
        type: 'IssueDecision',
        data: {
          provinceCode: '08',
          decisionId: 'qd-2700',
          number: '2700/QĐ-UBND',
          decidedOn: '2025-12-27',
          awardType: bangKhen,
          nominations: [{ ...nomination, provinceCode: '08' }],
        },
        metadata: meta({ ...chairman, jurisdiction: { provinceCode: '08' } }),
      },
      registerDecider.initialState(),
    );
    await appendNomination(id, withdrawn, districtOfficer);
    const { position } = await store.append(
      registerStreamId('08'),
      [stored(issued.type, issued.data, chairman)],
      { expectedVersion: 'no-stream' },
    );
    await runners.get('pm:nomination-award')!.waitFor(position);
    expect((await nominationOf(id)).status).toBe('withdrawn');
    const refusals = await listRefusals(app.get(DataSource), 'pm:nomination-award');
    expect(refusals).toEqual([
      expect.objectContaining({
        eventId: (await store.readStream(registerStreamId('08')))[0].eventId,
        command: `RecordAward qd-2700-1 on ${nominationStreamId(id)}`,
        code: 'NOMINATION_STATUS',
      }),
    ]);
  });

  it('gives back the achievement of a withdrawn nomination, once, redelivered or not', async () => {
    const id = randomUUID();
    const events = approvedNomination(id, 'Thành tích giữ chỗ');
    const submitted = fold(nominationDecider.evolve, nominationDecider.initialState(), events) as Nomination;
    const streamId = achievementStreamId(submitted.achievementKey);
    const [claimed] = reservationDecider.decide(
      {
        type: 'ClaimReservation',
        data: {
          subject: { kind: 'achievement', key: submitted.achievementKey, label: 'Thành tích giữ chỗ' },
          holder: { nominationId: id, nomineeName: nongThuong.name, awardTypeName: bangKhen.name },
          capacity: 1,
        },
        metadata: meta(districtOfficer),
      },
      reservationDecider.initialState(),
    );
    await store.append(streamId, [stored(claimed.type, claimed.data, districtOfficer)], {
      expectedVersion: 'no-stream',
    });
    await appendNomination(id, events);
    const withdrawn = nominationDecider.decide(
      { type: 'WithdrawNomination', data: { board, reason: 'Nhường chỉ tiêu' }, metadata: meta(secretary) },
      submitted,
    );
    await appendNomination(id, withdrawn);
    const [source] = await eventsOf(nominationStreamId(id), 'NominationWithdrawn');

    await eventually(
      async () => (await eventsOf(streamId, 'ReservationReleased')).length > 0,
      'the achievement to be released',
    );
    await runners.get('pm:nomination-places')!.waitFor(source.position);
    const manager = new NominationPlacesManager(store, app.get(CommandGateway), app.get(Clock));
    await deliver(manager, [source]);
    const released = await eventsOf(streamId, 'ReservationReleased');
    expect(released.map((e) => [e.data, e.metadata.actor])).toEqual([
      [expect.objectContaining({ nominationId: id, reason: 'Đã rút đề nghị' }), 'system:nomination-places'],
    ]);
  });
});

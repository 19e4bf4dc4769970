import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { EventStore } from '@ntm/event-store';
import { ProjectionRunner } from '@ntm/read-models/runner';
import { APP_CONFIG, type AppConfig } from '../../api/src/config/app-config';
import { Clock } from '../../api/src/config/clock';
import { DossiersModule } from '../../api/src/dossiers/dossiers.module';
import { EVENT_STORE } from '../../api/src/infrastructure/infrastructure.module';
import { CommuneRecordManager } from './commune-record.manager';
import { DEADLINES_QUEUE, DeadlineProcessor, DeadlineScheduler, type DeadlineJob } from './deadlines';
import { redisOptions } from './redis';

/** Starts the process managers on the event store's subscription and stops them on shutdown. */
class ProcessManagersHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private runners: ProjectionRunner[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly db: DataSource,
    @Inject(getQueueToken(DEADLINES_QUEUE)) private readonly deadlines: Queue<DeadlineJob>,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const scheduler = new DeadlineScheduler(this.deadlines, this.clock);
    const communeRecord = new CommuneRecordManager(this.store);
    this.runners = [
      new ProjectionRunner(
        { name: 'deadline-scheduler', handles: ['StepOpened'], streamPrefixes: ['dossier-'], apply: (events) => scheduler.handle(events) },
        this.db,
        this.store,
      ),
      new ProjectionRunner(
        {
          name: 'commune-record',
          handles: ['RecognitionGranted', 'RecognitionRevoked'],
          streamPrefixes: ['dossier-'],
          apply: (events) => communeRecord.handle(events),
        },
        this.db,
        this.store,
      ),
    ];
    for (const runner of this.runners) void runner.start();
    this.logger.log(`process managers started: ${this.runners.map((r) => r.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}

/** Projections, process managers and BullMQ processors. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ connection: redisOptions(config.redisUrl), prefix: config.queuePrefix }),
    }),
    BullModule.registerQueue({ name: DEADLINES_QUEUE }),
    DossiersModule,
  ],
  providers: [DeadlineProcessor, ProcessManagersHost],
})
export class WorkerModule {}

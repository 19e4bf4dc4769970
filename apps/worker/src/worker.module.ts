import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { EventStore, RecordedEvent } from '@ntm/event-store';
import type { ProjectionRunner } from '@ntm/read-models/runner';
import { APP_CONFIG, type AppConfig, Clock, EVENT_STORE } from '@ntm/application';
import { DossiersModule } from '../../api/src/dossiers/dossiers.module';
import { SurveyClosingScheduler } from '../../api/src/surveys/survey-closing';
import { CommuneRecordManager } from './commune-record.manager';
import { DEADLINES_QUEUE, DeadlineProcessor, DeadlineScheduler, type DeadlineJob } from './deadlines';
import { Projections, ProjectionsModule } from './projections/projections.module';
import { redisOptions } from '@ntm/application';
import { SurveysWorkerModule } from './surveys/surveys-worker.module';
import { CommendationWorkerModule } from './commendation/commendation-worker.module';

/**
 * Process managers: each follows the event store from its own checkpoint (through the same runner as
 * the read models, so it shows in their status and is parked, not silently stopped, when it keeps failing).
 */
class ProcessManagers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ProcessManagers');
  private runners: ProjectionRunner[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(getQueueToken(DEADLINES_QUEUE)) private readonly deadlines: Queue<DeadlineJob>,
    @Inject(Clock) private readonly clock: Clock,
    private readonly projections: Projections,
    private readonly surveyClosing: SurveyClosingScheduler,
  ) {}

  onApplicationBootstrap(): void {
    const deadlines = new DeadlineScheduler(this.deadlines, this.clock);
    const communeRecord = new CommuneRecordManager(this.store);
    const managers: {
      name: string;
      handles: string[];
      streamPrefixes: string[];
      handle: (e: RecordedEvent[]) => Promise<void>;
    }[] = [
      {
        name: 'pm:deadlines',
        handles: ['StepOpened'],
        streamPrefixes: ['dossier-'],
        handle: (e) => deadlines.handle(e),
      },
      {
        name: 'pm:commune-record',
        handles: ['RecognitionGranted', 'RecognitionRevoked'],
        streamPrefixes: ['dossier-'],
        handle: (e) => communeRecord.handle(e),
      },
      {
        name: 'pm:survey-closing',
        handles: ['SurveyOpened'],
        streamPrefixes: ['survey-'],
        handle: (e) => this.surveyClosing.handle(e),
      },
    ];
    this.runners = managers.map((m) =>
      this.projections.runners.run({
        name: m.name,
        handles: m.handles,
        streamPrefixes: m.streamPrefixes,
        apply: (events) => m.handle(events),
      }),
    );
    this.logger.log(`started: ${managers.map((m) => m.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}

/** Read-model projections, process managers and BullMQ processors. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisOptions(config.redisUrl),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue({ name: DEADLINES_QUEUE }),
    DossiersModule,
    ProjectionsModule,
    SurveysWorkerModule,
    CommendationWorkerModule,
  ],
  providers: [DeadlineProcessor, ProcessManagers],
})
export class WorkerModule {}

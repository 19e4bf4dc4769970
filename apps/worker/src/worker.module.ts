import { BullModule, getQueueToken } from '@nestjs/bullmq';
import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Lease } from '@ntm/read-models';
import { APP_CONFIG, type AppConfig, Clock, CommandGateway, SharedClock } from '@ntm/application';
import { DossiersModule } from '../../api/src/dossiers/dossiers.module';
import { SurveyCompletion } from '../../api/src/surveys/survey-completion';
import { CommuneRecordManager } from './commune-record.manager';
import { DeadlineProcessor } from './deadlines';
import { Projections, ProjectionsModule } from './projections/projections.module';
import { redisOptions } from '@ntm/application';
import { SurveysWorkerModule } from './surveys/surveys-worker.module';
import { SurveyResultManager } from './surveys/survey-result.manager';
import { CommendationWorkerModule } from './commendation/commendation-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { DEADLINES_QUEUE, DueTimers, SURVEY_CLOSING_QUEUE } from './timers/due-timers';
import { TimerScheduler } from './timers/timer-scheduler';
import { ManagerRunners, WorkerCoreModule, WorkerLeases } from './worker-core.module';

/**
 * Timers: the `timers` projection writes due_timers rows (same transaction as its checkpoint) and hands new ones
 * to BullMQ; the worker holding the `timers-reconcile` lease schedules every pending row again on start, every
 * `timerReconcileMs` and whenever the (movable, outside production) clock moves.
 */
export class Timers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Timers');
  readonly scheduler: TimerScheduler;
  private interval: NodeJS.Timeout | null = null;
  private lease: Lease | null = null;
  private pass: Promise<unknown> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly timers: DueTimers,
    @Inject(getQueueToken(DEADLINES_QUEUE)) deadlines: Queue,
    @Inject(getQueueToken(SURVEY_CLOSING_QUEUE)) closing: Queue,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly projections: Projections,
    private readonly leases: WorkerLeases,
  ) {
    this.scheduler = new TimerScheduler(
      timers,
      { 'step-deadline': deadlines, 'step-reminder': deadlines, 'survey-close': closing },
      clock,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.timers.install();
    this.projections.runners.run(this.timers.projection((t) => this.scheduler.schedule(t)));
    await this.reconcile(false);
    this.interval = setInterval(() => void this.reconcile(false), this.config.timerReconcileMs);
    if (this.clock instanceof SharedClock) {
      this.unsubscribe = this.clock.onChange(() => void this.reconcile(true));
    }
  }

  /** Schedules every pending timer that lost its job (and, when the clock moved, moves every waiting one). */
  reconcile(clockMoved: boolean): Promise<unknown> {
    this.pass = this.pass.then(async () => {
      try {
        if (this.lease?.lost.aborted) this.lease = null;
        this.lease ??= await this.leases.manager.tryAcquire('timers-reconcile');
        if (!this.lease) return;
        await this.scheduler.reconcile(clockMoved);
      } catch (e) {
        this.logger.warn(`reconciliation failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    return this.pass;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.unsubscribe?.();
    await this.pass;
    await this.lease?.release();
  }
}

/** The process managers of the worker, one shape each (the commendation's live in CommendationWorkerModule). */
class ProcessManagers implements OnApplicationBootstrap {
  constructor(
    private readonly managers: ManagerRunners,
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    private readonly completion: SurveyCompletion,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.managers.run(new CommuneRecordManager(this.gateway, this.clock));
    await this.managers.run(new SurveyResultManager(this.completion));
  }
}

/** Read-model projections, timers, process managers and BullMQ processors. */
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
    BullModule.registerQueue({ name: SURVEY_CLOSING_QUEUE }),
    WorkerCoreModule,
    DossiersModule,
    ProjectionsModule,
    SurveysWorkerModule,
    CommendationWorkerModule,
    NotificationsWorkerModule,
  ],
  providers: [DeadlineProcessor, ProcessManagers, Timers],
})
export class WorkerModule {}

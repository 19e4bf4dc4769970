import { Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@ntm/decider';
import type { EventStore } from '@ntm/event-store';
import {
  installRefusals,
  LeaseManager,
  PROCESS_MANAGER_RUNNER_OPTIONS,
  ProjectionCheckpoints,
  ProjectionRunners,
  runnableManager,
  type ProcessManager,
  type ProjectionRunner,
} from '@ntm/read-models';
import { APP_CONFIG, type AppConfig, EVENT_STORE } from '@ntm/application';
import { DueTimers } from './timers/due-timers';

/**
 * The worker's leases: one PostgreSQL session per worker process holds an advisory lock for every projection
 * and process manager it runs. Any number of workers may run; each runner has one owner at a time.
 */
@Injectable()
export class WorkerLeases implements OnApplicationShutdown {
  readonly manager: LeaseManager;

  constructor(db: DataSource) {
    this.manager = new LeaseManager(db, { applicationName: `ntm-worker-${process.pid}` });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.manager.close();
  }
}

/**
 * Runs process managers: each on the projection runner with its own checkpoint and lease, never parked; a
 * DomainError is a refusal (recorded in process_manager_refusals, logged, the checkpoint moves on), any other
 * failure is retried with backoff, the checkpoint staying where it is.
 */
@Injectable()
export class ManagerRunners implements OnApplicationShutdown {
  private readonly logger = new Logger('ProcessManagers');
  readonly runners: ProjectionRunners;
  private installed: Promise<void> | null = null;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly db: DataSource,
    leases: WorkerLeases,
  ) {
    this.runners = new ProjectionRunners(db, store, {
      ...PROCESS_MANAGER_RUNNER_OPTIONS,
      leases: leases.manager,
    });
  }

  async run(pm: ProcessManager): Promise<ProjectionRunner> {
    this.installed ??= (async () => {
      await installRefusals(this.db);
      await new ProjectionCheckpoints(this.db).install();
    })();
    await this.installed;
    const runner = this.runners.run(
      runnableManager(pm, {
        refusal: (e) => (e instanceof DomainError ? { code: e.code, message: e.message } : null),
        logger: this.logger,
      }),
    );
    this.logger.log(`process manager started: ${pm.name}`);
    return runner;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runners.stopAll();
  }
}

/** What every part of the worker shares: leases, process-manager runners, the due timers table. */
@Module({
  providers: [
    WorkerLeases,
    ManagerRunners,
    {
      provide: DueTimers,
      inject: [DataSource, APP_CONFIG],
      useFactory: (db: DataSource, config: AppConfig) =>
        new DueTimers(db, config.schema, config.deadlineReminderWorkingDays),
    },
  ],
  exports: [WorkerLeases, ManagerRunners, DueTimers],
})
export class WorkerCoreModule {}

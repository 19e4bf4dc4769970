import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventStore } from '@ntm/event-store';
import { LIVE_RUNNER_OPTIONS, ProjectionHost, ProjectionRunners } from '@ntm/read-models';
import { EVENT_STORE } from '@ntm/application';
import { WorkerCoreModule, WorkerLeases } from '../worker-core.module';

/**
 * Runs the read models: every projection's live build follows the event store, and a projector whose version
 * went up is rebuilt beside the live tables and switched in when caught up (blue/green).
 */
@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  /** Runners for other subscribers (the timers projection), with the runner's default polling. */
  readonly runners: ProjectionRunners;
  /** The read models' runners poll more often: a client waiting on ?minPosition= waits less. */
  readonly readModelRunners: ProjectionRunners;
  readonly host: ProjectionHost;

  constructor(@Inject(EVENT_STORE) store: EventStore, db: DataSource, leases: WorkerLeases) {
    // Each runner runs only while this worker holds its lease: any number of workers may run.
    this.runners = new ProjectionRunners(db, store, { leases: leases.manager });
    this.readModelRunners = new ProjectionRunners(db, store, {
      ...LIVE_RUNNER_OPTIONS,
      leases: leases.manager,
    });
    this.host = new ProjectionHost(db, store, this.readModelRunners.run, { log: (m) => this.logger.log(m) });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.host.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.host.stop();
    await Promise.all([this.runners.stopAll(), this.readModelRunners.stopAll()]);
  }
}

@Module({ imports: [WorkerCoreModule], providers: [Projections], exports: [Projections] })
export class ProjectionsModule {}

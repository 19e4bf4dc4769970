import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventStore } from '@ntm/event-store';
import { ProjectionRunner } from '@ntm/read-models/runner';
import { CommandGateway, Clock, EVENT_STORE } from '@ntm/application';
import { AwardFlagsManager } from './award-flags.manager';

/** Runs the award-flags process manager on the event store's subscription (its checkpoint: `award-flags`). */
class AwardFlagsHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Commendation');
  private runner: ProjectionRunner | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly db: DataSource,
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const manager = new AwardFlagsManager(this.store, this.gateway, this.clock);
    this.runner = new ProjectionRunner(
      {
        name: 'award-flags',
        handles: AwardFlagsManager.handles,
        streamPrefixes: AwardFlagsManager.streamPrefixes,
        apply: (events) => manager.handle(events),
      },
      this.db,
      this.store,
    );
    void this.runner.start();
    this.logger.log('process manager started: award-flags');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}

/** The commendation part of the worker; WorkerModule imports it. */
@Module({ providers: [AwardFlagsHost] })
export class CommendationWorkerModule {}

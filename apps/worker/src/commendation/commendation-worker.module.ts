import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@ntm/event-store';
import { CommandGateway, Clock, EVENT_STORE } from '@ntm/application';
import { ManagerRunners, WorkerCoreModule } from '../worker-core.module';
import { AwardFlagsManager } from './award-flags.manager';

/** Runs the award-flags process manager on the event store's subscription (its checkpoint: `award-flags`). */
class AwardFlagsHost implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    private readonly managers: ManagerRunners,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.managers.run(new AwardFlagsManager(this.store, this.gateway, this.clock));
  }
}

/** The commendation part of the worker; WorkerModule imports it. */
@Module({ imports: [WorkerCoreModule], providers: [AwardFlagsHost] })
export class CommendationWorkerModule {}

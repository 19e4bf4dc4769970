import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@ntm/event-store';
import { CommandGateway, Clock, EVENT_STORE } from '@ntm/application';
import { ManagerRunners, WorkerCoreModule } from '../worker-core.module';
import { AwardFlagsManager } from './award-flags.manager';
import { NominationAwardManager } from './nomination-award.manager';
import { NominationPlacesManager } from './nomination-places.manager';

/**
 * Runs the commendation's process managers on the event store's subscription, each with its own checkpoint:
 * revocation → award flags, decision issued → nominations awarded, nomination rejected, withdrawn or
 * escalated → places released.
 */
class CommendationManagers implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    private readonly managers: ManagerRunners,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.managers.run(new AwardFlagsManager(this.store, this.gateway, this.clock));
    await this.managers.run(new NominationAwardManager(this.gateway, this.clock));
    await this.managers.run(new NominationPlacesManager(this.store, this.gateway, this.clock));
  }
}

/** The commendation part of the worker; WorkerModule imports it. */
@Module({ imports: [WorkerCoreModule], providers: [CommendationManagers] })
export class CommendationWorkerModule {}

import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { EventStore } from '@ntm/event-store';
import { APP_CONFIG, EVENT_STORE, Metrics, type AppConfig } from '@ntm/application';
import { MetricsController } from './metrics.controller';
import { CommandTimer } from './command-timer.guard';
import { ProjectionsController } from './projections.controller';

/** What operators see into: Prometheus metrics, parked projections and their resumption. */
@Module({
  controllers: [MetricsController, ProjectionsController],
  providers: [
    {
      provide: Metrics,
      inject: [DataSource, EVENT_STORE, APP_CONFIG],
      useFactory: (db: DataSource, store: EventStore, config: AppConfig) => new Metrics(db, store, config),
    },
    { provide: APP_GUARD, useClass: CommandTimer },
  ],
})
export class OperationsModule implements OnApplicationShutdown {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  async onApplicationShutdown(): Promise<void> {
    await this.metrics.close();
  }
}

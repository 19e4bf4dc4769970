import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, quoteIdent, type EventStore } from '@ntm/event-store';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '@ntm/read-models';
import { LoggerModule } from 'nestjs-pino';
import { recognitionUpcasters } from '@ntm/recognition';
import { DataSource } from 'typeorm';
import { createRootLogger, loggingParams, ROOT_LOGGER } from '../observability/logging';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Clock, SharedClock, SystemClock } from '../config/clock';
import { CommandGateway } from '../commands/command-gateway';
import { IdempotencyStore } from '../commands/idempotency.store';
import { TokenService } from '../auth-tokens';
import { openDatabase, type DatabaseParts } from './database';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** The process-wide resources: configuration, clock, event store, database, command gateway, tokens. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly db: DataSource,
  ) {}

  static forRoot(
    config: AppConfig,
    database: DatabaseParts = { entities: READ_MODEL_ENTITIES, migrations: READ_MODEL_MIGRATIONS },
  ): DynamicModule {
    const rootLogger = createRootLogger(config);
    return {
      module: InfrastructureModule,
      imports: [LoggerModule.forRoot(loggingParams(rootLogger))],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: rootLogger },
        {
          provide: Clock,
          inject: [DataSource],
          // Production always runs on real time; elsewhere operators may move the clock (dev routes).
          useFactory: (db: DataSource) =>
            config.movableClock && !config.production
              ? SharedClock.open(db, config.schema)
              : new SystemClock(),
        },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            createEventStore({
              kind: config.eventStore,
              connectionString: config.databaseUrl,
              schema: config.schema,
              eventStoreDbUrl: config.eventStoreDbUrl,
              // Old event shapes are raised on read, never rewritten (e.g. DossierOpened before 2026).
              upcasters: recognitionUpcasters,
            }),
        },
        // The event store creates the database if it is missing, so open TypeORM after it.
        { provide: DataSource, inject: [EVENT_STORE], useFactory: () => openDatabase(config, database) },
        {
          provide: IdempotencyStore,
          inject: [DataSource, EVENT_STORE],
          useFactory: (db: DataSource, store: EventStore) =>
            new IdempotencyStore(db, `${quoteIdent(config.schema)}.idempotency_keys`, store),
        },
        {
          provide: CommandGateway,
          inject: [EVENT_STORE, IdempotencyStore],
          useFactory: (store: EventStore, idem: IdempotencyStore) => new CommandGateway(store, idem),
        },
        {
          provide: TokenService,
          useFactory: () => new TokenService(config.jwtSecret, config.tokenMaxTtlSeconds),
        },
      ],
      exports: [
        APP_CONFIG,
        ROOT_LOGGER,
        Clock,
        EVENT_STORE,
        DataSource,
        IdempotencyStore,
        CommandGateway,
        TokenService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close().catch((e) => this.logger.warn(`event store close: ${e}`));
    if (this.db.isInitialized) await this.db.destroy();
  }
}

import 'reflect-metadata';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { CqrsModule } from '@nestjs/cqrs';
import { loadAppConfig, exitOnStartupFailure, type AppConfig, InfrastructureModule } from '@ntm/application';
import { WorkerModule } from './worker.module';

@Module({})
class WorkerRootModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [InfrastructureModule.forRoot(config), CqrsModule.forRoot(), WorkerModule],
    };
  }
}

/** Projections, process managers and queue processors, without HTTP. */
const main = async () => {
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(await loadAppConfig()), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  Logger.log('worker started', 'Main');
};

main().catch(exitOnStartupFailure);

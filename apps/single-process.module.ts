import { Module, type DynamicModule } from '@nestjs/common';
import { ApiModule } from './api/src/app.module';
import type { AppConfig } from '@ntm/application';
import { WorkerModule } from './worker/src/worker.module';

/** API and worker in one process: the single-machine deployment, `npm start` and the end-to-end tests. */
@Module({})
export class SingleProcessModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: SingleProcessModule, imports: [ApiModule.forRoot(config), WorkerModule] };
  }
}

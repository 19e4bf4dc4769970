import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { EventStore } from '@ntm/event-store';
import { Public } from '../auth/auth.guard';
import { EVENT_STORE } from '../infrastructure/infrastructure.module';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database'),
      async () => ({ eventStore: { status: 'up', head: await this.store.headPosition() } }),
    ]);
  }
}

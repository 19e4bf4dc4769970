import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProjectionCheckpoints } from '@ntm/read-models/runner';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { EventStore } from '@ntm/event-store';
import { Public } from '../auth/auth.guard';
import { EVENT_STORE } from '@ntm/application';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly indicator: HealthIndicatorService,
  ) {}

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Tình trạng hệ thống: cơ sở dữ liệu, kho sự kiện, các projection bị dừng (503)' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database'),
      async () => ({ eventStore: { status: 'up', head: await this.store.headPosition() } }),
      // A parked projection or process manager is an outage of its read model: report it, never hide it.
      async () => {
        const checkpoints = new ProjectionCheckpoints(this.dataSource);
        await checkpoints.install();
        const parked = (await checkpoints.list()).filter((c) => c.status === 'parked');
        const check = this.indicator.check('projections');
        return parked.length ? check.down({ parked }) : check.up();
      },
    ]);
  }
}

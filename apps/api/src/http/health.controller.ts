import { Controller, Get, Inject, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import IORedis from 'ioredis';
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
import { APP_CONFIG, EVENT_STORE, type AppConfig } from '@ntm/application';
import { Answers } from './swagger';

// A dependency that does not answer within this is down for readiness (a probe must not hang).
const CHECK_TIMEOUT_MS = 2_000;

const within = <T>(what: string, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what}: no answer in ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref(),
    ),
  ]);

/**
 * Three questions, three routes. `live`: is the process running (a failing liveness probe restarts the pod,
 * so it checks nothing outside the process). `ready`: can this replica serve requests now (database, Redis,
 * event store); a parked projection is reported but does not take API pods out of service, since every
 * replica shares it and commands still work. `/api/health`: the whole picture, 503 while a projection is parked.
 */
@ApiTags('health')
@Controller('api/health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: IORedis;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly indicator: HealthIndicatorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = new IORedis(config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      connectTimeout: CHECK_TIMEOUT_MS,
    });
    this.redis.on('error', () => undefined); // reported by the probe, not thrown at the process
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  @Public()
  @Get()
  @Answers('Health')
  @HealthCheck()
  @ApiOperation({ summary: 'Tình trạng hệ thống: cơ sở dữ liệu, kho sự kiện, các projection bị dừng (503)' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.eventStore(),
      // A parked projection or process manager is an outage of its read model: report it, never hide it.
      async () => {
        const parked = await this.parked();
        const check = this.indicator.check('projections');
        return parked.length ? check.down({ parked }) : check.up();
      },
    ]);
  }

  @Public()
  @Get('live')
  @Answers('Liveness')
  @ApiOperation({ summary: 'Liveness: tiến trình còn chạy (không kiểm tra dịch vụ bên ngoài)' })
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Public()
  @Get('ready')
  @Answers('Health')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: cơ sở dữ liệu, Redis, kho sự kiện trả lời (503 nếu không); projection bị dừng chỉ được báo, không làm pod ngừng nhận yêu cầu',
  })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      async () => {
        const check = this.indicator.check('redis');
        try {
          if (this.redis.status === 'wait') await within('redis', this.redis.connect());
          await within('redis', this.redis.ping());
          return check.up();
        } catch (e) {
          return check.down({ message: (e as Error).message });
        }
      },
      () => this.eventStore(),
      async () => {
        const parked = await within('projections', this.parked()).catch(() => null);
        return this.indicator.check('projections').up(parked === null ? { unknown: true } : { parked });
      },
    ]);
  }

  private async eventStore() {
    const check = this.indicator.check('eventStore');
    try {
      return check.up({ head: await within('event store', this.store.headPosition()) });
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  private async parked() {
    const checkpoints = new ProjectionCheckpoints(this.dataSource);
    await checkpoints.install();
    return (await checkpoints.list()).filter((c) => c.status === 'parked');
  }
}

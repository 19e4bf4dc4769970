import {
  Controller,
  Get,
  Header,
  Headers,
  Inject,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, Metrics, type AppConfig } from '@ntm/application';
import { Public } from '../auth/auth.guard';
import { AnswersFile } from '../http/swagger';

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Prometheus scrapes here. With METRICS_TOKEN set it must send that bearer token; without one the route is open
 * outside production (development, tests) and absent in production.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @AnswersFile(['text/plain'], 'Số liệu theo định dạng Prometheus')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization?: string): Promise<string> {
    const { metricsToken, production } = this.config;
    if (metricsToken) {
      const given = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      if (!given || !sameSecret(given, metricsToken))
        throw new UnauthorizedException({
          code: 'INVALID_TOKEN',
          message: 'Mã truy cập số liệu giám sát không đúng',
        });
    } else if (production) {
      throw new NotFoundException({ code: 'NOT_FOUND', message: 'Không tìm thấy' });
    }
    return this.metrics.text();
  }
}

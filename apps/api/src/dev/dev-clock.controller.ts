import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsInt, IsOptional, Max, Min } from 'class-validator';
import { conflict, invalid } from '@ntm/decider';
import { Clock, SharedClock } from '@ntm/application';
import { Public } from '../auth/auth.guard';
import { Answers } from '../http/swagger';

const DAY_MS = 86_400_000;

export class MoveClockDto {
  @ApiPropertyOptional({ example: '2025-04-01T02:00:00.000Z', description: 'Đặt đồng hồ đến thời điểm này' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Thời điểm (at) phải theo ISO 8601' })
  at?: string;
  @ApiPropertyOptional({ example: 16, description: 'Tiến đồng hồ thêm số ngày (âm: lùi lại)' })
  @IsOptional()
  @IsInt({ message: 'Số ngày (advanceDays) phải là số nguyên' })
  @Min(-3660)
  @Max(3660)
  advanceDays?: number;
  @ApiPropertyOptional({ example: 3_600_000, description: 'Tiến đồng hồ thêm số mili giây' })
  @IsOptional()
  @IsInt({ message: 'Số mili giây (advanceMs) phải là số nguyên' })
  advanceMs?: number;
  @ApiPropertyOptional({ description: 'Trở về giờ thực' })
  @IsOptional()
  @IsBoolean()
  reset?: boolean;
}

export interface ClockView {
  readonly now: string;
  readonly offsetMs: number;
}

/**
 * Development and acceptance only (config movableClock, never in production): moves "now" for every API and
 * worker process of the deployment (the offset is stored in PostgreSQL), so statutory deadlines can be tested
 * without waiting for them. Timers are scheduled again relative to the new time.
 */
@ApiTags('dev')
@Controller('api/v1/dev/clock')
export class DevClockController {
  constructor(@Inject(Clock) private readonly clock: Clock) {}

  private shared(): SharedClock {
    if (!(this.clock instanceof SharedClock))
      throw conflict('CLOCK_NOT_MOVABLE', 'Đồng hồ của hệ thống này không điều chỉnh được');
    return this.clock;
  }

  @Public()
  @Get()
  @Answers('Clock')
  @ApiOperation({ summary: 'Xem giờ hệ thống (chỉ môi trường phát triển, thử nghiệm)' })
  view(): ClockView {
    const clock = this.shared();
    return { now: clock.now().toISOString(), offsetMs: clock.offset() };
  }

  @Public()
  @Post()
  @Answers('Clock', 201)
  @ApiOperation({ summary: 'Điều chỉnh giờ hệ thống (chỉ môi trường phát triển, thử nghiệm)' })
  async move(@Body() body: MoveClockDto): Promise<ClockView> {
    const clock = this.shared();
    const given = [body.at, body.advanceDays, body.advanceMs, body.reset].filter((v) => v !== undefined);
    if (given.length !== 1)
      throw invalid(
        'CLOCK_MOVE_AMBIGUOUS',
        'Chỉ ghi một trong các trường: at, advanceDays, advanceMs hoặc reset',
      );
    let offset = clock.offset();
    if (body.reset) offset = 0;
    else if (body.at !== undefined) offset = Date.parse(body.at) - Date.now();
    else offset += (body.advanceDays ?? 0) * DAY_MS + (body.advanceMs ?? 0);
    await clock.setOffset(offset);
    return this.view();
  }
}

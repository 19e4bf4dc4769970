import {
  Body,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  type RawBodyRequest,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Clock } from '@ntm/application';
import { calendarYears, localDate, type CalendarYearView } from '@ntm/calendar';
import { criteriaSetSummary as summary } from '@ntm/criteria';
import { forbidden, invalid, requireCovers, type Actor } from '@ntm/decider';
import { CurrentActor } from '../auth/current-actor';
import { documentText, RequestMeta, requestContext, type CommandHeaders } from '../http/request-context';
import { MinPositionQueryDto } from '../http/constraints';
import { AcknowledgeStatusDto, CommuneGroupDto, CommunePilotDto, OpenableQueryDto } from './law.dto';
import { ListCriteriaSetsQuery } from './law.queries';
import { LawRegistry } from './law.registry';
import { CommuneCodeParam, ProvinceCodeParam } from '../http/constraints';
import { Answers } from '../http/swagger';

const requireAdmin = (actor: Actor, what: string) => {
  if (actor.role !== 'admin') throw forbidden('ROLE_NOT_ALLOWED', `Chỉ quản trị hệ thống được ${what}`);
};

/** Criteria sets as data (Decision 51/2025/QĐ-TTg and earlier): load, list, read whole. */
@ApiTags('criteria-sets')
@ApiBearerAuth()
@Controller('api/v1/criteria-sets')
export class CriteriaSetsController {
  constructor(
    private readonly law: LawRegistry,
    private readonly queries: QueryBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post()
  @Answers('CriteriaSetLoaded', 201)
  @ApiOperation({
    summary:
      'Nạp một bộ tiêu chí (quản trị hệ thống): kiểm tra toàn bộ, lỗi nêu dòng và trường; có lỗi thì không ghi gì',
  })
  @ApiBody({ description: 'Tài liệu bộ tiêu chí (JSON), xem README', schema: { type: 'object' } })
  async load(
    @Body() body: unknown,
    @Req() req: RawBodyRequest<Request>,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    requireAdmin(h.actor, 'nạp bộ tiêu chí');
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw invalid(
        'CRITERIA_SET_INVALID',
        'Nội dung gửi lên phải là một tài liệu bộ tiêu chí (đối tượng JSON)',
      );
    }
    const outcome = await this.law.loadCriteriaSet(
      documentText(req, body),
      requestContext(h, this.clock.now()),
      { route: 'LoadCriteriaSet', body },
    );
    const { id, version } = body as { id: string; version: number };
    const entry = await this.law.criteriaSet(id, version);
    res.status(outcome.events.length > 0 ? 201 : 200);
    res.location(`/api/v1/criteria-sets/${id}?version=${version}`);
    return { ...summary(entry), loaded: outcome.events.length > 0, position: outcome.position };
  }

  @Get()
  @Answers('CriteriaSetList')
  @ApiOperation({ summary: 'Danh sách bộ tiêu chí (phiên bản mới nhất của mỗi bộ; có sẵn và đã nạp)' })
  list(@Query() q: MinPositionQueryDto) {
    return this.queries.execute(new ListCriteriaSetsQuery(q.minPosition));
  }

  @Get(':id')
  @Answers('CriteriaSetWithDocument')
  @ApiOperation({ summary: 'Một bộ tiêu chí, toàn văn (?version= để xem phiên bản cũ)' })
  async get(@Param('id') id: string, @Query('version') version?: string) {
    const v = version === undefined ? undefined : Number(version);
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
      throw invalid('INVALID_FIELD', "Trường 'version' phải là số nguyên từ 1", 'version');
    }
    const entry = await this.law.criteriaSet(id, v);
    return { ...summary(entry), document: entry.document };
  }
}

/** A province's internal procedure (TTHC nội bộ) over the national default, as data. */
@ApiTags('province-procedures')
@ApiBearerAuth()
@Controller('api/v1/province-procedures')
export class ProvinceProceduresController {
  constructor(
    private readonly law: LawRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post()
  @Answers('ProvinceProceduresLoaded', 201)
  @ApiOperation({ summary: 'Nạp quy trình nội bộ của tỉnh: thời hạn, vai trò từng bước (quản trị hệ thống)' })
  @ApiBody({ description: 'Quy trình của tỉnh (JSON), xem README', schema: { type: 'object' } })
  async load(
    @Body() body: unknown,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    requireAdmin(h.actor, 'nạp quy trình của tỉnh');
    const provinceCode = (body as { provinceCode?: unknown } | null)?.provinceCode;
    if (typeof provinceCode !== 'string' || !/^\d{2}$/.test(provinceCode)) {
      throw invalid(
        'PROVINCE_PROCEDURE_INVALID',
        "Trường 'provinceCode' phải là mã tỉnh 2 chữ số",
        'provinceCode',
      );
    }
    const outcome = await this.law.loadProvinceProcedure(
      provinceCode,
      body,
      requestContext(h, this.clock.now()),
      {
        route: 'LoadProvinceProcedure',
        body,
      },
    );
    res.status(outcome.events.length > 0 ? 201 : 200);
    return {
      provinceCode,
      ...(await this.law.provinceProcedures(provinceCode)),
      loaded: outcome.events.length > 0,
    };
  }

  @Get(':provinceCode')
  @Answers('ProvinceProcedures')
  @ApiOperation({ summary: 'Quy trình nội bộ đang áp dụng của tỉnh, theo phiên bản quy trình' })
  async get(@ProvinceCodeParam() provinceCode: string) {
    return { provinceCode, ...(await this.law.provinceProcedures(provinceCode)) };
  }
}

/** Facts about a commune that dossiers read at their opening: its group under Decision 51/2025/QĐ-TTg. */
@ApiTags('communes')
@ApiBearerAuth()
@Controller('api/v1/communes')
export class CommunesController {
  constructor(
    private readonly law: LawRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Today in Vietnam: what a commune may open depends on the day (period-rules). */
  private today(): string {
    return localDate(this.clock.now().toISOString());
  }

  @Post(':communeCode/group')
  @Answers('CommuneGroupSet', 201)
  @ApiOperation({ summary: 'Tỉnh xác định nhóm xã (nhóm 1, 2, 3) kèm căn cứ và ngày' })
  async setGroup(
    @CommuneCodeParam() communeCode: string,
    @Body() body: CommuneGroupDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    const outcome = await this.law.actOnCommune(
      { type: 'SetCommuneGroup', data: { ...body, communeCode } },
      requestContext(h, this.clock.now()),
      { route: 'SetCommuneGroup', communeCode, body },
    );
    return {
      communeCode,
      group: (await this.law.communeRecord(communeCode)).group ?? null,
      version: outcome.version,
      // The province's list of groups (a read model) shows this setting once read with ?minPosition= of it.
      position: outcome.position,
    };
  }

  @Post(':communeCode/pilot')
  @Answers('CommunePilotSet', 201)
  @ApiOperation({
    summary:
      'Tỉnh chọn xã thí điểm (hoặc đưa xã ra khỏi danh sách thí điểm) xây dựng xã nông thôn mới hiện đại, kèm căn cứ và ngày',
  })
  async setPilot(
    @CommuneCodeParam() communeCode: string,
    @Body() body: CommunePilotDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    const outcome = await this.law.actOnCommune(
      { type: 'SetCommunePilot', data: { ...body, communeCode } },
      requestContext(h, this.clock.now()),
      { route: 'SetCommunePilot', communeCode, body },
    );
    const record = await this.law.communeRecord(communeCode);
    return {
      communeCode,
      pilots: record.pilots ?? [],
      version: outcome.version,
      // The province's list of communes (a read model) shows this selection once read with ?minPosition= of it.
      position: outcome.position,
    };
  }

  @Post(':communeCode/acknowledgements')
  @Answers('CommuneStatusAcknowledged', 201)
  @ApiOperation({
    summary:
      'Tỉnh thừa nhận mức đạt chuẩn của xã hình thành sau sắp xếp đơn vị hành chính, kèm lý do và số, ngày văn bản',
  })
  async acknowledge(
    @CommuneCodeParam() communeCode: string,
    @Body() body: AcknowledgeStatusDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    const outcome = await this.law.acknowledgeCommuneStatus(
      communeCode,
      body,
      requestContext(h, this.clock.now()),
      {
        route: 'AcknowledgeCommuneStatus',
        communeCode,
        body,
      },
    );
    return {
      ...(await this.law.communeLineage(communeCode)),
      version: outcome.version,
      position: outcome.position,
    };
  }

  @Get(':communeCode/record')
  @Answers('CommuneRecordAnswer')
  @ApiOperation({
    summary:
      'Hồ sơ công nhận của xã theo nguồn gốc sắp xếp: các xã trước sắp xếp với quyết định và tình trạng, các lần thừa nhận',
  })
  async record(@CommuneCodeParam() communeCode: string) {
    // Recognition decisions are public acts: any signed-in user may read a commune's record, as its group.
    return this.law.communeLineage(communeCode);
  }

  @Get(':communeCode/openable')
  @Answers('CommuneOpenable')
  @ApiOperation({
    summary:
      'Xã được lập hồ sơ gì: từng quy trình và mức, kèm lý do với mức chưa được lập (nhóm xã, bộ tiêu chí, đã công nhận, hồ sơ đang mở)',
  })
  async openable(
    @CommuneCodeParam() communeCode: string,
    @Query() q: OpenableQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    requireCovers(actor, { ...q, communeCode }, `Xã mã ${communeCode}`);
    return { communeCode, ...(await this.law.openingOptions({ ...q, communeCode }, this.today())) };
  }

  @Get(':communeCode/group')
  @Answers('CommuneGroupAnswer')
  @ApiOperation({ summary: 'Nhóm xã đang áp dụng' })
  async getGroup(@CommuneCodeParam() communeCode: string, @CurrentActor() _actor: Actor) {
    return { communeCode, group: (await this.law.communeRecord(communeCode)).group ?? null };
  }
}

/**
 * The working-day calendar's years (RULES-2026 §3: 2027 not announced, 24/11 may become a holiday): an
 * administrator loads a year's days off and swaps as a JSON file; deadlines and survey windows count on it at once.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('api/v1/calendar/years')
export class CalendarYearsController {
  constructor(
    private readonly law: LawRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post()
  @Answers('CalendarYearLoaded', 201)
  @ApiOperation({
    summary:
      'Nạp lịch nghỉ lễ, Tết và ngày làm bù của một năm (quản trị hệ thống): lỗi nêu dòng và trường; có lỗi thì không ghi gì',
    description:
      'Tệp JSON: {"year", "daysOff": [{"from","to","name","source"}], "workingDays": [{"date","reason","source"}], "provisional", "source"}. Lần nạp sau của cùng năm thay lần trước (lịch sử giữ cả hai); nội dung như cũ thì không ghi gì.',
  })
  @ApiBody({ description: 'Lịch nghỉ của năm (JSON), xem README', schema: { type: 'object' } })
  async load(
    @Body() body: unknown,
    @Req() req: RawBodyRequest<Request>,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CalendarYearView & { loaded: boolean; position: string | null }> {
    requireAdmin(h.actor, 'nạp lịch nghỉ lễ, Tết');
    const outcome = await this.law.loadHolidayYear(
      documentText(req, body),
      requestContext(h, this.clock.now()),
      { route: 'LoadHolidayYear', body },
    );
    const year = (body as { year: number }).year;
    const view = (await this.years()).find((y) => y.year === year)!;
    res.status(outcome.events.length > 0 ? 201 : 200);
    return { ...view, loaded: outcome.events.length > 0, position: outcome.position };
  }

  @Get()
  @Answers('CalendarYears')
  @ApiOperation({
    summary:
      'Các năm của lịch ngày làm việc: đã công bố hay dự kiến, nguồn (có sẵn hoặc đã nạp), người nạp, lần nạp',
  })
  async list(): Promise<CalendarYearView[]> {
    return this.years();
  }

  /** Every known year and the next one, which is provisional until announced. */
  private async years(): Promise<CalendarYearView[]> {
    const thisYear = Number(localDate(this.clock.now().toISOString()).slice(0, 4));
    return calendarYears(await this.law.holidayYears(), thisYear + 1);
  }
}

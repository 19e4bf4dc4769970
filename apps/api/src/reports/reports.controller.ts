import { BadRequestException, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ntm/decider';
import {
  boardSheets,
  boardTable,
  communeStandings,
  decisionSheets,
  decisions,
  decisionsTable,
  dossierBoard,
  pipeline,
  pipelineSheets,
  planSheets,
  queryBoard,
  queryDecisions,
  queryPipeline,
  queryPlanProgress,
  queryStandings,
  queryStandingsSummary,
  querySurveys,
  returnsTable,
  standingDossiersTable,
  standingsSheets,
  standingsTable,
  administrativeUnits,
  unitsTable,
  provincePlans,
  planTargetsTable,
  plansTable,
  stepsTable,
  surveySheets,
  surveyStats,
  surveysTable,
  toCsv,
  toXlsx,
  PROJECTORS,
  type Scope,
  type Sheet,
} from '@ntm/read-models';
import { CurrentActor } from '../auth/current-actor';
import { Clock } from '@ntm/application';
import { ReadModels, type ReadView } from './read-models.service';
import { BoardQueryDto, ReportQueryDto, ScopeQueryDto } from './reports.dto';
import { resolveScope } from './scope';

const FORMATS = ['csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];
/** Exports are whole lists, not pages; past this a caller should narrow the filters. */
const EXPORT_LIMIT = 100_000;

export interface ReportResponse<T> {
  /** How far the read models behind this answer have caught up: pass a command's position as ?minPosition=. */
  readonly position: string;
  readonly readModels: ReadView['readModels'];
  readonly data: T;
}

const envelope = <T>(view: ReadView, res: Response, data: T): ReportResponse<T> => {
  res.setHeader('X-Read-Model-Position', view.position);
  return { position: view.position, readModels: view.readModels, data };
};

const formatOf = (value: string): Format => {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new BadRequestException({
      code: 'UNKNOWN_FORMAT',
      message: `Định dạng xuất '${value}' không hỗ trợ (csv hoặc xlsx)`,
    });
  }
  return value as Format;
};

const send = async (
  res: Response,
  view: ReadView,
  name: string,
  format: Format,
  sheets: Sheet[],
): Promise<void> => {
  res.setHeader('X-Read-Model-Position', view.position);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(toCsv(sheets));
  } else {
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(sheets));
  }
};

const scopeOf = (actor: Actor, q: ScopeQueryDto): Scope => resolveScope(actor, q);

/** Overviews for the people who decide. Every answer comes from read models and says how far they have caught up. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private async board(
    actor: Actor,
    q: BoardQueryDto,
    waiting: boolean,
    paging: { page: number; pageSize: number },
  ) {
    const scope = scopeOf(actor, q);
    const view = await this.readModels.view([dossierBoard], q.minPosition);
    const page = await queryBoard(this.readModels.db.manager, view.table(dossierBoard, boardTable), {
      ...scope,
      level: q.level,
      step: q.step,
      status: q.status,
      overdue: q.overdue,
      year: q.year,
      waitingFor: waiting ? { role: actor.role, actorId: actor.id } : undefined,
      ...paging,
      now: this.clock.now(),
    });
    return { view, page };
  }

  @Get('board')
  @ApiOperation({
    summary: 'Bảng theo dõi hồ sơ: lọc theo tỉnh, huyện, xã, mức, bước, quá hạn, năm; phân trang',
  })
  async getBoard(
    @CurrentActor() actor: Actor,
    @Query() q: BoardQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, page } = await this.board(actor, q, false, {
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 50,
    });
    return envelope(view, res, page);
  }

  @Get('board/waiting')
  @ApiOperation({
    summary: 'Hồ sơ đang chờ tôi xử lý (theo vai trò và địa bàn), quá hạn và sắp đến hạn trước',
  })
  async waiting(
    @CurrentActor() actor: Actor,
    @Query() q: BoardQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, page } = await this.board(actor, q, true, {
      page: q.page ?? 1,
      pageSize: q.pageSize ?? 50,
    });
    return envelope(view, res, page);
  }

  @Get('board.:format')
  @ApiOperation({ summary: 'Xuất bảng theo dõi hồ sơ (csv, xlsx)' })
  async exportBoard(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: BoardQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, page } = await this.board(actor, q, false, { page: 1, pageSize: EXPORT_LIMIT });
    await send(res, view, 'bang-theo-doi-ho-so', format, boardSheets(page.items));
  }

  private async standings(actor: Actor, q: ScopeQueryDto) {
    const scope = scopeOf(actor, q);
    const view = await this.readModels.view([communeStandings, administrativeUnits], q.minPosition);
    const tables = {
      standings: view.table(communeStandings, standingsTable),
      units: view.table(administrativeUnits, unitsTable),
    };
    const m = this.readModels.db.manager;
    return {
      view,
      communes: await queryStandings(m, tables, scope),
      summary: await queryStandingsSummary(m, tables, scope),
    };
  }

  @Get('reports/standings')
  @ApiOperation({
    summary:
      'Kết quả từng xã: số tiêu chí đạt, mức đạt chuẩn, quyết định, thu hồi; tổng hợp theo huyện và tỉnh',
  })
  async getStandings(
    @CurrentActor() actor: Actor,
    @Query() q: ScopeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, communes, summary } = await this.standings(actor, q);
    return envelope(view, res, { communes, summary });
  }

  @Get('reports/standings/summary')
  @ApiOperation({
    summary:
      'Tổng hợp theo huyện và toàn tỉnh: số xã từng mức, tỷ lệ, bình quân tiêu chí, phân bố, từng tiêu chí',
  })
  async getSummary(
    @CurrentActor() actor: Actor,
    @Query() q: ScopeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const scope = scopeOf(actor, q);
    const view = await this.readModels.view([communeStandings, administrativeUnits], q.minPosition);
    const tables = {
      standings: view.table(communeStandings, standingsTable),
      units: view.table(administrativeUnits, unitsTable),
    };
    return envelope(view, res, await queryStandingsSummary(this.readModels.db.manager, tables, scope));
  }

  @Get('reports/standings.:format')
  @ApiOperation({ summary: 'Xuất kết quả từng xã và tổng hợp (csv: danh sách xã; xlsx: cả hai trang)' })
  async exportStandings(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ScopeQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, communes, summary } = await this.standings(actor, q);
    await send(res, view, 'ket-qua-theo-xa', format, standingsSheets(communes, summary));
  }

  private async planProgress(actor: Actor, q: ScopeQueryDto) {
    const scope = scopeOf(actor, q);
    if (!scope.provinceCode)
      throw new BadRequestException({
        code: 'PROVINCE_REQUIRED',
        message: "Cần chọn tỉnh (tham số 'province')",
      });
    const view = await this.readModels.view(
      [communeStandings, administrativeUnits, provincePlans],
      q.minPosition,
    );
    const progress = await queryPlanProgress(
      this.readModels.db.manager,
      {
        targets: view.table(provincePlans, planTargetsTable),
        plans: view.table(provincePlans, plansTable),
        units: view.table(administrativeUnits, unitsTable),
        standingDossiers: view.table(communeStandings, standingDossiersTable),
      },
      { ...scope, provinceCode: scope.provinceCode },
      this.clock.now().toISOString().slice(0, 10),
    );
    return { view, progress };
  }

  @Get('reports/plan-progress')
  @ApiOperation({ summary: 'Tiến độ thực hiện kế hoạch: chỉ tiêu theo năm, mức, huyện và số xã đã đạt' })
  async getPlanProgress(
    @CurrentActor() actor: Actor,
    @Query() q: ScopeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, progress } = await this.planProgress(actor, q);
    return envelope(view, res, progress);
  }

  @Get('reports/plan-progress.:format')
  @ApiOperation({ summary: 'Xuất tiến độ thực hiện kế hoạch (csv, xlsx)' })
  async exportPlanProgress(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ScopeQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, progress } = await this.planProgress(actor, q);
    await send(res, view, 'tien-do-ke-hoach', format, planSheets(progress));
  }

  private async decisions(actor: Actor, q: ReportQueryDto) {
    const view = await this.readModels.view([decisions], q.minPosition);
    const report = await queryDecisions(this.readModels.db.manager, view.table(decisions, decisionsTable), {
      ...scopeOf(actor, q),
      year: q.year,
    });
    return { view, report };
  }

  @Get('reports/decisions')
  @ApiOperation({
    summary: 'Công nhận, không công nhận, thu hồi: theo năm, mức và theo đợt (số, ngày quyết định)',
  })
  async getDecisions(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, report } = await this.decisions(actor, q);
    return envelope(view, res, report);
  }

  @Get('reports/decisions.:format')
  @ApiOperation({ summary: 'Xuất danh sách quyết định (csv, xlsx)' })
  async exportDecisions(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, report } = await this.decisions(actor, q);
    await send(res, view, 'quyet-dinh-cong-nhan-thu-hoi', format, decisionSheets(report));
  }

  private async surveys(actor: Actor, q: ReportQueryDto) {
    const view = await this.readModels.view([surveyStats], q.minPosition);
    const rows = await querySurveys(this.readModels.db.manager, view.table(surveyStats, surveysTable), {
      ...scopeOf(actor, q),
      year: q.year,
    });
    return { view, rows };
  }

  @Get('reports/surveys')
  @ApiOperation({
    summary:
      'Kết quả lấy ý kiến sự hài lòng theo xã: số hộ, số phiếu, tỷ lệ tham gia, tỷ lệ hài lòng, từng câu hỏi',
  })
  async getSurveys(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, rows } = await this.surveys(actor, q);
    return envelope(view, res, rows);
  }

  @Get('reports/surveys.:format')
  @ApiOperation({ summary: 'Xuất kết quả lấy ý kiến (csv: theo xã; xlsx: theo xã và theo câu hỏi)' })
  async exportSurveys(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, rows } = await this.surveys(actor, q);
    await send(res, view, 'ket-qua-lay-y-kien', format, surveySheets(rows));
  }

  private async pipeline(actor: Actor, q: ReportQueryDto) {
    const view = await this.readModels.view([pipeline], q.minPosition);
    const report = await queryPipeline(
      this.readModels.db.manager,
      { steps: view.table(pipeline, stepsTable), returns: view.table(pipeline, returnsTable) },
      { ...scopeOf(actor, q), year: q.year, level: q.level, now: this.clock.now() },
    );
    return { view, report };
  }

  @Get('reports/pipeline')
  @ApiOperation({
    summary:
      'Tiến độ xử lý: hồ sơ theo bước, trung vị và phân vị 90 số ngày mỗi bước, trả lại theo vòng, bước quá hạn',
  })
  async getPipeline(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, report } = await this.pipeline(actor, q);
    return envelope(view, res, report);
  }

  @Get('reports/pipeline.:format')
  @ApiOperation({ summary: 'Xuất báo cáo tiến độ xử lý (csv: theo bước; xlsx: cả ba trang)' })
  async exportPipeline(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, report } = await this.pipeline(actor, q);
    await send(res, view, 'tien-do-xu-ly-ho-so', format, pipelineSheets(report));
  }

  @Get('reports/read-models')
  @ApiOperation({ summary: 'Các mô hình đọc: phiên bản đang dùng, đang dựng lại, vị trí đã cập nhật' })
  async status(@Query() q: ScopeQueryDto, @Res({ passthrough: true }) res: Response) {
    const view = await this.readModels.view(PROJECTORS, q.minPosition);
    const versions = await this.readModels.catalog.versions();
    return envelope(view, res, versions);
  }
}

import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@ntm/decider';
import {
  boardSheets,
  decisionSheets,
  pipelineSheets,
  planSheets,
  standingsSheets,
  surveySheets,
  toCsv,
  toXlsx,
  type ExportTitle,
  type Sheet,
} from '@ntm/read-models';
import { CurrentActor } from '../auth/current-actor';
import type { ReadView } from './read-models.service';
import { BoardQueryDto, ReportQueryDto, ScopeQueryDto, StandingsQueryDto } from './reports.dto';
import {
  BoardQuery,
  DecisionsQuery,
  PipelineQuery,
  PlanProgressQuery,
  ReadModelStatusQuery,
  StandingsQuery,
  SurveysQuery,
  type BoardAnswer,
  type DecisionsAnswer,
  type PipelineAnswer,
  type PlanProgressAnswer,
  type ReadModelStatusAnswer,
  type StandingsAnswer,
  type SurveysAnswer,
} from './reports.queries';
import { Answers, AnswersFile } from '../http/swagger';
import { ExportTitles } from './export-title';
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

const envelope = <T>({ view, data }: { view: ReadView; data: T }, res: Response): ReportResponse<T> => {
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
  title: ExportTitle,
): Promise<void> => {
  res.setHeader('X-Read-Model-Position', view.position);
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').send(toCsv(sheets));
  } else {
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await toXlsx(sheets, title));
  }
};

/** Overviews for the people who decide. Every answer comes from read models and says how far they have caught up. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReportsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly titles: ExportTitles,
  ) {}

  /** The title block of a report over dossiers: the asker's scope and the filters of the query. */
  private title(report: string, actor: Actor, q: BoardQueryDto, waiting = false): Promise<ExportTitle> {
    return this.titles.ofList(report, { ...q, ...resolveScope(actor, q) }, waiting ? actor : undefined);
  }

  @Get('board')
  @Answers('BoardReport')
  @ApiOperation({
    summary: 'Bảng theo dõi hồ sơ: lọc theo tỉnh, huyện, xã, mức, bước, quá hạn, năm; phân trang',
  })
  async getBoard(
    @CurrentActor() actor: Actor,
    @Query() q: BoardQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const paging = { page: q.page ?? 1, pageSize: q.pageSize ?? 50 };
    return envelope<BoardAnswer['data']>(
      await this.queries.execute(new BoardQuery(actor, q, false, paging)),
      res,
    );
  }

  @Get('board/waiting')
  @Answers('BoardReport')
  @ApiOperation({
    summary: 'Hồ sơ đang chờ tôi xử lý (theo vai trò và địa bàn), quá hạn và sắp đến hạn trước',
  })
  async waiting(
    @CurrentActor() actor: Actor,
    @Query() q: BoardQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const paging = { page: q.page ?? 1, pageSize: q.pageSize ?? 50 };
    return envelope<BoardAnswer['data']>(
      await this.queries.execute(new BoardQuery(actor, q, true, paging)),
      res,
    );
  }

  @Get('board.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({ summary: 'Xuất bảng theo dõi hồ sơ (csv, xlsx): cùng các hồ sơ và bộ lọc như GET /board' })
  async exportBoard(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: BoardQueryDto,
    @Res() res: Response,
  ) {
    await this.exportDossiers(actor, f, q, res, false);
  }

  @Get('board/waiting.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({
    summary: 'Xuất hồ sơ đang chờ tôi xử lý (csv, xlsx): cùng các hồ sơ và bộ lọc như GET /board/waiting',
  })
  async exportWaiting(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: BoardQueryDto,
    @Res() res: Response,
  ) {
    await this.exportDossiers(actor, f, q, res, true);
  }

  private async exportDossiers(actor: Actor, f: string, q: BoardQueryDto, res: Response, waiting: boolean) {
    const format = formatOf(f);
    const paging = { page: 1, pageSize: EXPORT_LIMIT };
    const { view, data }: BoardAnswer = await this.queries.execute(new BoardQuery(actor, q, waiting, paging));
    const [name, report] = waiting
      ? ['viec-cho-toi', 'Hồ sơ đang chờ xử lý']
      : ['bang-theo-doi-ho-so', 'Bảng theo dõi hồ sơ'];
    await send(res, view, name, format, boardSheets(data.items), await this.title(report, actor, q, waiting));
  }

  @Get('reports/standings')
  @Answers('StandingsReport')
  @ApiOperation({
    summary:
      'Kết quả từng xã: số tiêu chí đạt, mức đạt chuẩn, quyết định, thu hồi; tổng hợp theo huyện và tỉnh',
  })
  async getStandings(
    @CurrentActor() actor: Actor,
    @Query() q: StandingsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return envelope<StandingsAnswer['data']>(await this.queries.execute(new StandingsQuery(actor, q)), res);
  }

  @Get('reports/standings/summary')
  @Answers('StandingsSummaryReport')
  @ApiOperation({
    summary:
      'Tổng hợp theo huyện và toàn tỉnh: số xã từng mức, tỷ lệ, bình quân tiêu chí, phân bố, từng tiêu chí',
  })
  async getSummary(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { view, data }: StandingsAnswer = await this.queries.execute(new StandingsQuery(actor, q, true));
    return envelope({ view, data: data.summary }, res);
  }

  @Get('reports/standings.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({ summary: 'Xuất kết quả từng xã và tổng hợp (csv: danh sách xã; xlsx: cả hai trang)' })
  async exportStandings(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: StandingsQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, data }: StandingsAnswer = await this.queries.execute(new StandingsQuery(actor, q));
    await send(
      res,
      view,
      'ket-qua-theo-xa',
      format,
      standingsSheets(data.communes, data.summary),
      await this.title('Kết quả thực hiện tiêu chí nông thôn mới theo xã', actor, q),
    );
  }

  @Get('reports/plan-progress')
  @Answers('PlanProgressReport')
  @ApiOperation({ summary: 'Tiến độ thực hiện kế hoạch: chỉ tiêu theo năm, mức, huyện và số xã đã đạt' })
  async getPlanProgress(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return envelope<PlanProgressAnswer['data']>(
      await this.queries.execute(new PlanProgressQuery(actor, q)),
      res,
    );
  }

  @Get('reports/plan-progress.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({ summary: 'Xuất tiến độ thực hiện kế hoạch (csv, xlsx)' })
  async exportPlanProgress(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, data }: PlanProgressAnswer = await this.queries.execute(new PlanProgressQuery(actor, q));
    await send(
      res,
      view,
      'tien-do-ke-hoach',
      format,
      planSheets(data),
      await this.title('Tiến độ thực hiện kế hoạch xây dựng nông thôn mới', actor, q),
    );
  }

  @Get('reports/decisions')
  @Answers('DecisionsReportAnswer')
  @ApiOperation({
    summary: 'Công nhận, không công nhận, thu hồi: theo năm, mức và theo đợt (số, ngày quyết định)',
  })
  async getDecisions(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return envelope<DecisionsAnswer['data']>(await this.queries.execute(new DecisionsQuery(actor, q)), res);
  }

  @Get('reports/decisions.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({ summary: 'Xuất danh sách quyết định (csv, xlsx)' })
  async exportDecisions(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, data }: DecisionsAnswer = await this.queries.execute(new DecisionsQuery(actor, q));
    await send(
      res,
      view,
      'quyet-dinh-cong-nhan-thu-hoi',
      format,
      decisionSheets(data),
      await this.title('Quyết định công nhận, không công nhận, thu hồi', actor, q),
    );
  }

  @Get('reports/surveys')
  @Answers('SurveysReport')
  @ApiOperation({
    summary:
      'Kết quả lấy ý kiến sự hài lòng theo xã: số hộ, số phiếu, tỷ lệ tham gia, tỷ lệ hài lòng, từng câu hỏi',
  })
  async getSurveys(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return envelope<SurveysAnswer['data']>(await this.queries.execute(new SurveysQuery(actor, q)), res);
  }

  @Get('reports/surveys.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({ summary: 'Xuất kết quả lấy ý kiến (csv: theo xã; xlsx: theo xã và theo câu hỏi)' })
  async exportSurveys(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, data }: SurveysAnswer = await this.queries.execute(new SurveysQuery(actor, q));
    await send(
      res,
      view,
      'ket-qua-lay-y-kien',
      format,
      surveySheets(data),
      await this.title('Kết quả lấy ý kiến sự hài lòng của người dân', actor, q),
    );
  }

  @Get('reports/pipeline')
  @Answers('PipelineReportAnswer')
  @ApiOperation({
    summary:
      'Tiến độ xử lý: hồ sơ theo bước, trung vị và phân vị 90 số ngày mỗi bước, trả lại theo vòng, bước quá hạn',
  })
  async getPipeline(
    @CurrentActor() actor: Actor,
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return envelope<PipelineAnswer['data']>(await this.queries.execute(new PipelineQuery(actor, q)), res);
  }

  @Get('reports/pipeline.:format')
  @AnswersFile(
    ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'Bảng tính (CSV hoặc XLSX)',
  )
  @ApiOperation({ summary: 'Xuất báo cáo tiến độ xử lý (csv: theo bước; xlsx: cả ba trang)' })
  async exportPipeline(
    @CurrentActor() actor: Actor,
    @Param('format') f: string,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ) {
    const format = formatOf(f);
    const { view, data }: PipelineAnswer = await this.queries.execute(new PipelineQuery(actor, q));
    await send(
      res,
      view,
      'tien-do-xu-ly-ho-so',
      format,
      pipelineSheets(data),
      await this.title('Tiến độ xử lý hồ sơ', actor, q),
    );
  }

  @Get('reports/read-models')
  @Answers('ReadModelsReport')
  @ApiOperation({ summary: 'Các mô hình đọc: phiên bản đang dùng, đang dựng lại, vị trí đã cập nhật' })
  async status(@Query() q: ScopeQueryDto, @Res({ passthrough: true }) res: Response) {
    return envelope<ReadModelStatusAnswer['data']>(
      await this.queries.execute(new ReadModelStatusQuery(q.minPosition)),
      res,
    );
  }
}

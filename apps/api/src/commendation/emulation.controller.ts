import {
  Body,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiParam, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  awardTallies,
  awardTypesIn,
  awardsOf,
  candidatesFor,
  communeAwards,
  decisionOf,
  decisionsOf,
  flaggedAwards,
  nominationsIn,
  programmeOf,
  quotaReport,
  rankingsOf,
  registryFor,
  requireProvince,
  ruleLabel,
  searchRecipients,
  type CommendationView,
  type ProgrammeCommand,
} from '@ntm/commendation';
import { invalid, notFound } from '@ntm/decider';
import type { CommandOutcome } from '@ntm/application';
import { communesInForce, foldName } from '@ntm/units';
import type { Actor } from '@ntm/decider';
import { CurrentActor, type AuthenticatedRequest } from '../auth/current-actor';
import { LawRegistry } from '../dossiers/law.registry';
import { IdParam } from '../http/constraints';
import { RequestMeta, type CommandHeaders } from '../http/request-context';
import { CommendationReadModel } from './commendation-read-model';
import * as dto from './commendation.dto';
import {
  awardsXlsx,
  candidatesXlsx,
  communeAwardsXlsx,
  decisionDocument,
  decisionsXlsx,
  rankingsXlsx,
} from './commendation.exports';
import { fileSlug, renderOfficialDocument } from '../official-documents/decree30';
import { PlaceNames } from '../official-documents/place-names';
import {
  ExecuteProgrammeCommand,
  ExecuteRegisterCommand,
  type RegisterRouteCommand,
} from './commendation.messages';
import { Answers, AnswersFile, AnswersOrFile, ApiCommandHeaders } from '../http/swagger';
import { ExportTitles } from '../reports/export-title';

const PROVINCE = /^\d{2}$/;
/** The province in the path, which the caller's jurisdiction must cover (central users cover all). */
const Province = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const code = request.params.provinceCode as string; // a named route parameter is one string
  requireProvince(request.actor, code);
  return code;
});
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const requireProvinceCode = (code: string): string => {
  if (!PROVINCE.test(code))
    throw invalid('INVALID_PROVINCE', `Mã tỉnh '${code}' phải gồm 2 chữ số`, 'provinceCode');
  return code;
};

const awardTypeName = (view: CommendationView, p: string, id: string): string => {
  const programme = programmeOf(view, p);
  return (programme && awardTypesIn(programme).find((t) => t.id === id)?.name) ?? id;
};

const file = (res: Response, buffer: Buffer, type: string, name: string): StreamableFile => {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  return new StreamableFile(buffer);
};

/**
 * A province's emulation and commendation: its board, movements, clusters and rankings, award types,
 * candidates and quotas, decisions, the award registry, flags and revocations.
 */
@ApiTags('emulation')
@ApiBearerAuth()
@ApiCommandHeaders()
@ApiParam({
  name: 'provinceCode',
  description: 'Mã tỉnh (2 chữ số), thuộc địa bàn của người gọi',
  schema: { type: 'string', pattern: '^\\d{2}$' },
})
@Controller('api/v1/emulation/provinces/:provinceCode')
export class EmulationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: CommendationReadModel,
    private readonly places: PlaceNames,
    private readonly titles: ExportTitles,
    private readonly law: LawRegistry,
  ) {}

  private programme(
    code: string,
    type: ProgrammeCommand['type'],
    body: object,
    h: CommandHeaders,
  ): Promise<CommandOutcome> {
    return this.commands.execute(
      new ExecuteProgrammeCommand(requireProvinceCode(code), type, dto.plain(body), h),
    );
  }

  private register(
    code: string,
    type: RegisterRouteCommand,
    body: object,
    h: CommandHeaders,
  ): Promise<CommandOutcome & { decisionId?: string }> {
    return this.commands.execute(
      new ExecuteRegisterCommand(requireProvinceCode(code), type, dto.plain(body), h),
    );
  }

  private async view(code: string, q: dto.ReadQueryDto, res: Response): Promise<CommendationView> {
    requireProvinceCode(code);
    const { view, position } = await this.readModel.province(code, q.minPosition);
    res.setHeader('X-Read-Model-Position', position);
    return view;
  }

  // The programme: board, movements, clusters, award types.

  @Post('board')
  @Answers('CommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thành lập, kiện toàn Hội đồng Thi đua - Khen thưởng (Chủ tịch UBND tỉnh)' })
  appointBoard(@Province() p: string, @Body() b: dto.AppointBoardDto, @RequestMeta() h: CommandHeaders) {
    return this.programme(p, 'AppointBoard', b, h);
  }

  @Get()
  @Answers('EmulationProgramme')
  @ApiOperation({ summary: 'Hội đồng, phong trào, cụm khối và hình thức khen thưởng của tỉnh' })
  async get(@Province() p: string, @Query() q: dto.ReadQueryDto, @Res({ passthrough: true }) res: Response) {
    const programme = programmeOf(await this.view(p, q, res), p);
    if (!programme)
      throw notFound('PROGRAMME_NOT_FOUND', `Tỉnh mã ${p} chưa thành lập Hội đồng Thi đua - Khen thưởng`);
    return { ...programme, awardTypes: awardTypesIn(programme) };
  }

  @Post('movements')
  @Answers('CommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Phát động phong trào thi đua (Thư ký Hội đồng)' })
  launch(@Province() p: string, @Body() b: dto.MovementDto, @RequestMeta() h: CommandHeaders) {
    return this.programme(p, 'LaunchMovement', { movement: b }, h);
  }

  @Post('movements/:movementId/quotas')
  @Answers('CommandAnswer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sửa chỉ tiêu khen thưởng của phong trào, nêu lý do hoặc văn bản làm căn cứ (Thư ký Hội đồng)',
  })
  amendQuotas(
    @Province() p: string,
    @IdParam('movementId') movementId: string,
    @Body() b: dto.AmendMovementQuotasDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.programme(p, 'AmendMovementQuotas', { ...b, movementId }, h);
  }

  @Post('clusters')
  @Answers('CommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lập hoặc điều chỉnh cụm, khối thi đua và thành viên (áp dụng từ năm)' })
  defineCluster(@Province() p: string, @Body() b: dto.ClusterDto, @RequestMeta() h: CommandHeaders) {
    return this.programme(p, 'DefineCluster', b, h);
  }

  @Post('clusters/:clusterId/scores')
  @Answers('CommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ghi kết quả chấm điểm của cụm, khối; hệ thống xếp hạng và ghi số liệu kèm theo' })
  scores(
    @Province() p: string,
    @IdParam('clusterId') clusterId: string,
    @Body() b: dto.ClusterScoresDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.programme(p, 'RecordClusterScores', { ...b, clusterId }, h);
  }

  @Get('rankings')
  @AnswersOrFile('Rankings', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
  @ApiOperation({ summary: 'Xếp hạng các cụm, khối trong năm (?format=xlsx để xuất)' })
  async rankings(
    @Province() p: string,
    @Query() q: dto.YearQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const list = rankingsOf(await this.view(p, q, res), p, q.year);
    if (q.format !== 'xlsx') return list;
    const title = await this.titles.of('Xếp hạng các cụm, khối thi đua', p, [
      { label: 'Năm', value: String(q.year) },
    ]);
    return file(res, await rankingsXlsx(list, title), XLSX, `xep-hang-${p}-${q.year}.xlsx`);
  }

  @Post('award-types')
  @Answers('CommandAnswer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Quy định hình thức khen thưởng: cấp, người đề nghị, thẩm quyền, tỷ lệ có mặt và tán thành, điều kiện',
  })
  defineAwardType(@Province() p: string, @Body() b: dto.AwardTypeDto, @RequestMeta() h: CommandHeaders) {
    return this.programme(p, 'DefineAwardType', { awardType: b }, h);
  }

  @Get('award-types')
  @Answers('AwardTypes')
  @ApiOperation({ summary: 'Các hình thức khen thưởng đang áp dụng, kèm mô tả từng điều kiện' })
  async awardTypes(
    @Province() p: string,
    @Query() q: dto.ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const programme = programmeOf(await this.view(p, q, res), p);
    return programme
      ? awardTypesIn(programme).map((t) => ({ ...t, ruleLabels: t.rules.map(ruleLabel) }))
      : [];
  }

  // Candidates, quotas and nominations of a movement.

  @Get('movements/:movementId/candidates')
  @AnswersOrFile('Candidates', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
  @ApiOperation({ summary: 'Đối tượng của phong trào: ai đủ điều kiện và vì sao (?format=xlsx để xuất)' })
  async candidates(
    @Province() p: string,
    @IdParam('movementId') movementId: string,
    @Query() q: dto.CandidatesQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.view(p, q, res);
    const movement = programmeOf(view, p)?.movements[movementId];
    if (!movement) throw notFound('MOVEMENT_NOT_FOUND', `Không tìm thấy phong trào thi đua ${movementId}`);
    const list = candidatesFor(view, { provinceCode: p, movement, awardTypeId: q.awardTypeId, year: q.year });
    if (q.format !== 'xlsx') return list;
    const title = await this.titles.of(`Đối tượng của phong trào ${movement.name}`, p, [
      { label: 'Năm', value: String(q.year) },
      { label: 'Hình thức khen thưởng', value: awardTypeName(view, p, q.awardTypeId) },
    ]);
    return file(
      res,
      await candidatesXlsx(list, quotaReport(view, p, movementId, q.year), title),
      XLSX,
      `doi-tuong-${movementId}-${q.awardTypeId}.xlsx`,
    );
  }

  @Get('movements/:movementId/quotas')
  @Answers('Quotas')
  @ApiOperation({ summary: 'Chỉ tiêu đề nghị theo từng hình thức: cơ sở tính, số được đề nghị, số đã dùng' })
  async quotas(
    @Province() p: string,
    @IdParam('movementId') movementId: string,
    @Query() q: dto.YearQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return quotaReport(await this.view(p, q, res), p, movementId, q.year);
  }

  @Get('nominations')
  @Answers('Nominations')
  @ApiOperation({ summary: 'Các đề nghị khen thưởng của tỉnh (theo phong trào)' })
  async nominations(
    @Province() p: string,
    @Query() q: dto.NominationsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return nominationsIn(await this.view(p, q, res), p, q.movementId);
  }

  // Decisions, the registry, flags and revocations.

  @Post('decisions')
  @Answers('AwardCommandAnswer', 201)
  @ApiOperation({
    summary: 'Quyết định khen thưởng: số, ngày, người ký (cấp có thẩm quyền), danh sách được khen',
  })
  async issue(
    @Province() p: string,
    @Body() b: dto.IssueDecisionDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome = await this.register(p, 'IssueDecision', b, h);
    res.location(`/api/v1/emulation/provinces/${p}/decisions/${outcome.decisionId}`);
    return outcome;
  }

  @Get('decisions')
  @AnswersOrFile('AwardDecisions', [XLSX])
  @ApiOperation({
    summary: 'Các quyết định khen thưởng của tỉnh, mới nhất trước (?year= năm ký; ?format=xlsx)',
  })
  async decisions(
    @Province() p: string,
    @Query() q: dto.DecisionsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const list = decisionsOf(await this.view(p, q, res), p, q.year);
    if (q.format !== 'xlsx') return list;
    const title = await this.titles.of('Quyết định khen thưởng', p, [
      ...(q.year ? [{ label: 'Năm', value: String(q.year) }] : []),
    ]);
    return file(
      res,
      await decisionsXlsx(list, title),
      XLSX,
      `quyet-dinh-khen-thuong-${p}${q.year ? `-${q.year}` : ''}.xlsx`,
    );
  }

  @Get('decisions/:decisionId')
  @Answers('AwardDecisionView')
  @ApiOperation({ summary: 'Quyết định khen thưởng và các khen thưởng trong đó' })
  async decision(
    @Province() p: string,
    @IdParam('decisionId') id: string,
    @Query() q: dto.ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const d = decisionOf(await this.view(p, q, res), p, id);
    if (!d) throw notFound('DECISION_NOT_FOUND', `Không tìm thấy quyết định khen thưởng ${id}`);
    return d;
  }

  @Get('decisions/:decisionId/pdf')
  @AnswersFile(['application/pdf'], 'Quyết định khen thưởng (PDF)')
  @ApiOperation({ summary: 'Quyết định khen thưởng (PDF, tiếng Việt) kèm danh sách được khen' })
  async decisionPdf(
    @Province() p: string,
    @IdParam('decisionId') id: string,
    @Query() q: dto.ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const d = decisionOf(await this.view(p, q, res), p, id);
    if (!d) throw notFound('DECISION_NOT_FOUND', `Không tìm thấy quyết định khen thưởng ${id}`);
    const { province } = await this.places.of(p);
    return file(
      res,
      await renderOfficialDocument(decisionDocument(d, province)),
      'application/pdf',
      `quyet-dinh-${fileSlug(d.number)}.pdf`,
    );
  }

  @Get('awards')
  @AnswersOrFile('Awards', ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'])
  @ApiOperation({ summary: 'Khen thưởng theo năm và hình thức (?format=xlsx để xuất)' })
  async awards(
    @Province() p: string,
    @Query() q: dto.AwardsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.view(p, q, res);
    const list = awardsOf(view, p, { year: q.year, awardTypeId: q.awardTypeId });
    if (q.format !== 'xlsx') return list;
    const title = await this.titles.of('Khen thưởng', p, [
      ...(q.year ? [{ label: 'Năm', value: String(q.year) }] : []),
      ...(q.awardTypeId
        ? [{ label: 'Hình thức khen thưởng', value: awardTypeName(view, p, q.awardTypeId) }]
        : []),
    ]);
    return file(
      res,
      await awardsXlsx(list, title),
      XLSX,
      `khen-thuong-${p}${q.year ? `-${q.year}` : ''}.xlsx`,
    );
  }

  @Get('awards/tallies')
  @Answers('AwardTallies')
  @ApiOperation({ summary: 'Số khen thưởng theo năm và hình thức, số bị hủy bỏ, số cần xem xét lại' })
  async tallies(
    @Province() p: string,
    @Query() q: dto.ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return awardTallies(await this.view(p, q, res), p);
  }

  @Get('awards/flagged')
  @Answers('Awards')
  @ApiOperation({
    summary: 'Khen thưởng cần Hội đồng xem xét lại (quyết định công nhận bị thu hồi, phản ánh sai sự thật)',
  })
  async flagged(
    @Province() p: string,
    @Query() q: dto.ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return flaggedAwards(await this.view(p, q, res), p);
  }

  @Get('registry')
  @AnswersOrFile('CommuneRegistry', [XLSX])
  @ApiOperation({
    summary:
      'Sổ khen thưởng theo xã: mọi xã đang hoạt động trong địa bàn của người gọi, kể cả xã chưa có khen thưởng ' +
      '(lọc theo năm, tên xã có dấu hoặc không dấu; ?format=xlsx để xuất)',
  })
  async communeRegistry(
    @Province() p: string,
    @CurrentActor() actor: Actor,
    @Query() q: dto.CommuneRegistryQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (q.fromYear !== undefined && q.toYear !== undefined && q.fromYear > q.toYear)
      throw invalid(
        'INVALID_PERIOD',
        `Từ năm ${q.fromYear} phải trước hoặc bằng đến năm ${q.toYear}`,
        'fromYear',
      );
    const view = await this.view(p, q, res);
    const register = await this.law.unitRegister();
    const wanted = foldName(q.name ?? '');
    const { districtCode, communeCode } = actor.jurisdiction;
    const communes = communesInForce(register, p, districtCode)
      .filter(
        (u) => (communeCode === undefined || u.code === communeCode) && foldName(u.name).includes(wanted),
      )
      .map((u) => ({ code: u.code, name: u.name, districtCode: u.parentCode }));
    const list = communeAwards(view, p, communes, { fromYear: q.fromYear, toYear: q.toYear });
    if (q.format !== 'xlsx') return list;
    const title = await this.titles.of('Sổ khen thưởng theo xã', p, [
      ...(q.fromYear ? [{ label: 'Từ năm', value: String(q.fromYear) }] : []),
      ...(q.toYear ? [{ label: 'Đến năm', value: String(q.toYear) }] : []),
      ...(q.name ? [{ label: 'Tên xã có chứa', value: q.name }] : []),
    ]);
    return file(res, await communeAwardsXlsx(list, title), XLSX, `so-khen-thuong-theo-xa-${p}.xlsx`);
  }

  @Get('registry/:recipientKey')
  @Answers('Awards')
  @ApiOperation({
    summary:
      'Sổ khen thưởng của một tập thể, cá nhân qua các năm (commune:<mã xã>, collective:<mã>, individual:<mã>)',
  })
  async registry(
    @Province() p: string,
    @IdParam('recipientKey') key: string,
    @Query() q: dto.ReadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return registryFor(await this.view(p, q, res), p, key);
  }

  @Get('recipients')
  @Answers('KnownRecipients')
  @ApiOperation({
    summary:
      'Tìm tập thể, cá nhân đã được đề nghị hoặc khen thưởng trong tỉnh (kể cả khen thưởng trước đây), theo tên ' +
      'có dấu hoặc không dấu, tối đa 20 kết quả: đề nghị lại dùng đúng mã của họ',
  })
  async recipients(
    @Province() p: string,
    @Query() q: dto.RecipientsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return searchRecipients(await this.view(p, q, res), p, { text: q.q, kind: q.kind });
  }

  @Post('prior-awards')
  @Answers('AwardCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ghi khen thưởng, danh hiệu đã có trước khi dùng hệ thống (Thư ký Hội đồng)' })
  prior(@Province() p: string, @Body() b: dto.PriorAwardDto, @RequestMeta() h: CommandHeaders) {
    return this.register(p, 'RecordPriorAward', b, h);
  }

  @Post('awards/:awardId/flags')
  @Answers('AwardCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đề nghị xem xét lại khen thưởng (phản ánh sai sự thật)' })
  flag(
    @Province() p: string,
    @IdParam('awardId') awardId: string,
    @Body() b: dto.FlagAwardDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.register(p, 'FlagAward', { ...b, awardId }, h);
  }

  @Post('awards/:awardId/flags/clearance')
  @Answers('AwardCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hội đồng kết luận giữ nguyên khen thưởng' })
  clear(
    @Province() p: string,
    @IdParam('awardId') awardId: string,
    @Body() b: dto.ClearFlagsDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.register(p, 'ClearAwardFlags', { ...b, awardId }, h);
  }

  @Post('awards/:awardId/revocation')
  @Answers('AwardCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hủy bỏ khen thưởng (cấp có thẩm quyền quyết định)' })
  revoke(
    @Province() p: string,
    @IdParam('awardId') awardId: string,
    @Body() b: dto.RevokeAwardDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.register(p, 'RevokeAward', { ...b, awardId }, h);
  }
}

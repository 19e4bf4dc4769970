import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { UuidParam } from '../http/constraints';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { invalid } from '@ntm/decider';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@ntm/decider';
import { dossierIdOfStream } from '@ntm/recognition';
import { CurrentActor } from '../auth/current-actor';
import { deterministicUuid } from '@ntm/application';
import { RequestMeta, type CommandHeaders } from '../http/request-context';
import * as dto from './dossier.dto';
import { DistrictBoardVoteDto, DistrictPostingDto, NotEligibleDto } from './district-stage.dto';
import { IndicatorAssessmentDto, OpenDossierUnderSetDto } from './law.dto';
import {
  DossierStepCommand,
  OpenDossierCommand,
  type DossierOutcome,
  type DossierStep,
} from './dossier.handlers';
import {
  GetDossierDocumentQuery,
  GetDossierHistoryQuery,
  GetDossierQuery,
  ListDossierDocumentsQuery,
  type DossierDocumentFile,
  type DossierDocumentItem,
  type DossierView,
  type HistoryEntry,
} from './dossier.queries';
import { DOCUMENT_KEY } from '../official-documents/dossier-documents';
import { Answers, AnswersFile, ApiCommandHeaders } from '../http/swagger';

const Id = () => UuidParam('id');

const DocumentKey = () =>
  Param('key', {
    transform: (value: unknown) => {
      if (typeof value !== 'string' || !DOCUMENT_KEY.test(value))
        throw invalid(
          'INVALID_PATH_PARAMETER',
          "Tham số đường dẫn 'key' phải là receipt-<vòng>, return-<vòng>, decision hoặc refusal",
          'key',
        );
      return value;
    },
  });

/** One route per step of the procedure. Thin: the validated body is the command's data, the decider does the rest. */
@ApiTags('dossiers')
@ApiBearerAuth()
@ApiCommandHeaders('Phiên bản hồ sơ')
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  private async answer(
    res: Response,
    command: OpenDossierCommand | DossierStepCommand,
  ): Promise<DossierOutcome & { dossierId: string }> {
    const outcome: DossierOutcome = await this.commands.execute(command);
    res.setHeader('ETag', `"${outcome.version}"`);
    // From the outcome, not the request: a retried open answers with the dossier the first attempt opened.
    return { dossierId: dossierIdOfStream(outcome.streamId), ...outcome };
  }

  private step(res: Response, id: string, step: DossierStep, headers: CommandHeaders) {
    return this.answer(res, new DossierStepCommand(id, step, headers));
  }

  @Post()
  @Answers('DossierCommandAnswer', 201)
  @ApiOperation({ summary: 'Mở hồ sơ đề nghị xét công nhận (cán bộ xã)' })
  async open(
    @Body() body: OpenDossierUnderSetDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    // From the key when there is one: a retry after a crash opens the same dossier, on any event store.
    const dossierId =
      body.dossierId ??
      (h.idempotencyKey ? deterministicUuid(`dossier:${h.actor.id}:${h.idempotencyKey}`) : randomUUID());
    const input = { ...body, dossierId };
    const answer = await this.answer(res, new OpenDossierCommand(input, h, { route: 'OpenDossier', body }));
    res.location(`/api/v1/dossiers/${answer.dossierId}`);
    return answer;
  }

  @Get(':id')
  @Answers('DossierView')
  @ApiOperation({
    summary: 'Hồ sơ: trạng thái, bước hiện tại, thời hạn, các vòng; ?asOf= để xem tại một thời điểm',
  })
  async get(
    @Id() id: string,
    @Query() q: dto.AsOfQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DossierView> {
    const view: DossierView = await this.queries.execute(new GetDossierQuery(id, actor, q.asOf));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/history')
  @Answers('DossierHistory')
  @ApiOperation({ summary: 'Toàn bộ lịch sử sự kiện của hồ sơ: ai, khi nào, vì sao' })
  history(@Id() id: string, @CurrentActor() actor: Actor): Promise<HistoryEntry[]> {
    return this.queries.execute(new GetDossierHistoryQuery(id, actor));
  }

  @Get(':id/documents')
  @Answers('DossierDocuments')
  @ApiOperation({
    summary:
      'Các văn bản hồ sơ đã tạo ra: phiếu tiếp nhận, văn bản trả hồ sơ, quyết định công nhận, văn bản không công nhận',
  })
  documents(@Id() id: string, @CurrentActor() actor: Actor): Promise<DossierDocumentItem[]> {
    return this.queries.execute(new ListDossierDocumentsQuery(id, actor));
  }

  @Get(':id/documents/:key.pdf')
  @AnswersFile(['application/pdf'], 'Văn bản của hồ sơ (PDF)')
  @ApiOperation({ summary: 'Tải một văn bản của hồ sơ (PDF theo thể thức Nghị định 30/2020/NĐ-CP)' })
  @ApiParam({
    name: 'key',
    description: 'Văn bản như trong danh sách: receipt-<vòng>, return-<vòng>, decision, refusal',
    schema: { type: 'string', pattern: DOCUMENT_KEY.source, maxLength: 12 },
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Tệp PDF', schema: { type: 'string', format: 'binary' } })
  async document(
    @Id() id: string,
    @DocumentKey() key: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file: DossierDocumentFile = await this.queries.execute(new GetDossierDocumentQuery(id, actor, key));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return new StreamableFile(file.pdf);
  }

  @Post(':id/self-assessment')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Xã tự đánh giá từng tiêu chí' })
  selfAssessment(
    @Id() id: string,
    @Body() b: dto.SelfAssessmentDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'RecordSelfAssessment', data: b }, h);
  }

  @Post(':id/indicator-assessment')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Xã kê khai giá trị từng chỉ tiêu kèm minh chứng (giai đoạn 2026-2030); hệ thống tự xác định tiêu chí đạt theo nhóm xã',
  })
  indicatorAssessment(
    @Id() id: string,
    @Body() b: IndicatorAssessmentDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'RecordIndicatorAssessment', data: b }, h);
  }

  @Post(':id/public-posting')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Niêm yết công khai dự thảo báo cáo để lấy ý kiến' })
  openPosting(
    @Id() id: string,
    @Body() b: dto.PublicPostingDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'OpenPublicPosting', data: b }, h);
  }

  @Post(':id/public-posting/comments')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ghi nhận ý kiến góp ý trong thời gian niêm yết' })
  comment(
    @Id() id: string,
    @Body() b: dto.PublicCommentDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'RecordPublicComment', data: b }, h);
  }

  @Post(':id/public-posting/close')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc niêm yết' })
  closePosting(@Id() id: string, @RequestMeta() h: CommandHeaders, @Res({ passthrough: true }) r: Response) {
    return this.step(r, id, { type: 'ClosePublicPosting', data: {} }, h);
  }

  @Post(':id/survey-result')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ghi nhận kết quả lấy ý kiến sự hài lòng (Ban Thường trực UBMTTQ xã)' })
  surveyResult(
    @Id() id: string,
    @Body() b: dto.SurveyResultDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'RecordSurveyResult', data: { ...b, source: 'manual' } }, h);
  }

  @Post(':id/commune-meeting')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Họp và biểu quyết đề nghị xét công nhận' })
  meeting(
    @Id() id: string,
    @Body() b: dto.CommuneMeetingDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'HoldCommuneMeeting', data: b }, h);
  }

  @Post(':id/submission')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nộp hồ sơ lên cấp trên' })
  submit(
    @Id() id: string,
    @Body() b: dto.SubmissionDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'SubmitDossier', data: b }, h);
  }

  @Post(':id/verification')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thẩm tra hồ sơ: kết quả từng tiêu chí' })
  verify(
    @Id() id: string,
    @Body() b: dto.VerificationDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'VerifyDossier', data: b }, h);
  }

  @Post(':id/return')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trả hồ sơ để bổ sung (một lần, bằng văn bản, nêu rõ lý do)' })
  returnDossier(
    @Id() id: string,
    @Body() b: dto.ReturnDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'ReturnForSupplementation', data: b }, h);
  }

  @Post(':id/resubmission')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Nộp lại hồ sơ đã bổ sung' })
  resubmit(
    @Id() id: string,
    @Body() b: dto.ResubmissionDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'ResubmitDossier', data: b }, h);
  }

  @Post(':id/district/posting')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Huyện công khai báo cáo thẩm tra để lấy ý kiến (giai đoạn 2021-2025)' })
  districtPosting(
    @Id() id: string,
    @Body() b: DistrictPostingDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'OpenDistrictPosting', data: b }, h);
  }

  @Post(':id/district/posting/close')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc công khai báo cáo thẩm tra của huyện' })
  closeDistrictPosting(
    @Id() id: string,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'CloseDistrictPosting', data: {} }, h);
  }

  @Post(':id/district/vote')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết quả bỏ phiếu của Ban Chỉ đạo huyện đề nghị tỉnh xét công nhận' })
  districtVote(
    @Id() id: string,
    @Body() b: DistrictBoardVoteDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'HoldDistrictBoardVote', data: b }, h);
  }

  @Post(':id/district/not-eligible')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Huyện kết luận hồ sơ không đủ điều kiện, nêu rõ lý do' })
  notEligible(
    @Id() id: string,
    @Body() b: NotEligibleDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'DeclareNotEligible', data: b }, h);
  }

  @Post(':id/appraisal/posting')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng báo cáo thẩm định trên cổng thông tin điện tử tỉnh' })
  appraisalPosting(
    @Id() id: string,
    @Body() b: dto.AppraisalPostingDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'OpenAppraisalPosting', data: b }, h);
  }

  @Post(':id/appraisal/posting/close')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết thúc đăng tải lấy ý kiến' })
  closeAppraisalPosting(
    @Id() id: string,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'CloseAppraisalPosting', data: {} }, h);
  }

  @Post(':id/appraisal/votes')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thành viên Hội đồng thẩm định bỏ phiếu (mỗi người một lần)' })
  vote(
    @Id() id: string,
    @Body() b: dto.CouncilVoteDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'CastCouncilVote', data: b }, h);
  }

  @Post(':id/appraisal/conclusion')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kết luận thẩm định: số phiếu, kết quả từng tiêu chí' })
  conclude(
    @Id() id: string,
    @Body() b: dto.AppraisalConclusionDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'ConcludeAppraisal', data: b }, h);
  }

  @Post(':id/decision')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Chủ tịch UBND tỉnh quyết định công nhận' })
  decide(
    @Id() id: string,
    @Body() b: dto.DecisionDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'DecideRecognition', data: b }, h);
  }

  @Post(':id/refusal')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Không công nhận: nêu mọi điều kiện, tiêu chí chưa đạt' })
  refuse(
    @Id() id: string,
    @Body() b: dto.RefusalDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'RefuseRecognition', data: b }, h);
  }

  @Post(':id/announcement')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Công bố xã đạt chuẩn' })
  announce(
    @Id() id: string,
    @Body() b: dto.AnnouncementDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'AnnounceRecognition', data: b }, h);
  }

  @Post(':id/withdrawal')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Xã rút hồ sơ' })
  withdraw(
    @Id() id: string,
    @Body() b: dto.WithdrawalDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'WithdrawDossier', data: b }, h);
  }

  @Post(':id/annual-reviews')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Xã ghi kết quả rà soát duy trì tiêu chí hằng năm sau khi được công nhận' })
  recordAnnualReview(
    @Id() id: string,
    @Body() b: dto.AnnualReviewDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'RecordAnnualReview', data: b }, h);
  }

  @Post(':id/revocation')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đề nghị thu hồi quyết định công nhận' })
  proposeRevocation(
    @Id() id: string,
    @Body() b: dto.RevocationProposalDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'ProposeRevocation', data: b }, h);
  }

  @Post(':id/revocation/assessment')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh giá lại các tiêu chí để xét thu hồi' })
  assessRevocation(
    @Id() id: string,
    @Body() b: dto.RevocationAssessmentDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'AssessForRevocation', data: b }, h);
  }

  @Post(':id/revocation/decision')
  @Answers('DossierCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Quyết định thu hồi quyết định công nhận' })
  decideRevocation(
    @Id() id: string,
    @Body() b: dto.DecisionDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.step(r, id, { type: 'DecideRevocation', data: b }, h);
  }
}

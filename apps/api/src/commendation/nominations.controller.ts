import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { MinPositionQueryDto, UuidParam } from '../http/constraints';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  checkEligibility,
  recordFor,
  requireProvince,
  type EligibilityReport,
  type Nomination,
} from '@ntm/commendation';
import { notFound, type Actor } from '@ntm/decider';
import { CurrentActor } from '../auth/current-actor';
import type { CommandOutcome } from '@ntm/application';
import { RequestMeta, type CommandHeaders } from '../http/request-context';
import { CommendationReadModel } from './commendation-read-model';
import { CommendationStreams } from './commendation-streams';
import * as dto from './commendation.dto';
import {
  ExecuteNominationCommand,
  SubmitNominationCommand,
  type NominationRouteCommand,
} from './commendation.messages';
import { Answers, ApiCommandHeaders } from '../http/swagger';

const Id = () => UuidParam('id');

/** Nominations (đề nghị khen thưởng): filing with the eligibility check, the board's review, return, escalation. */
@ApiTags('emulation')
@ApiBearerAuth()
@ApiCommandHeaders('Phiên bản đề nghị')
@Controller('api/v1/emulation/nominations')
export class NominationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: CommendationStreams,
    private readonly readModel: CommendationReadModel,
  ) {}

  private async run(
    res: Response,
    id: string,
    type: NominationRouteCommand,
    body: object,
    headers: CommandHeaders,
  ) {
    const outcome: CommandOutcome = await this.commands.execute(
      new ExecuteNominationCommand(id, type, dto.plain(body), headers),
    );
    res.setHeader('ETag', `"${outcome.version}"`);
    return { nominationId: id, ...outcome };
  }

  @Post('eligibility')
  @Answers('Eligibility')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Kiểm tra điều kiện (không lập đề nghị): từng điều kiện đạt hay chưa đạt, kèm số liệu',
  })
  async eligibility(
    @Body() b: dto.EligibilityQueryDto,
    @Query() q: MinPositionQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<EligibilityReport> {
    // It reads the province's record, as the province's other reads do: only within the asker's jurisdiction.
    requireProvince(actor, b.provinceCode);
    const p = await this.streams.programme(b.provinceCode);
    const movement = this.streams.movement(p, b.movementId);
    const awardType = this.streams.awardType(p, b.awardTypeId);
    const nominee = dto.toNominee(b.nominee, b.provinceCode);
    const { view } = await this.readModel.province(b.provinceCode, q.minPosition);
    const record = recordFor(view, {
      provinceCode: b.provinceCode,
      nominee,
      movement,
      year: b.year,
    });
    return checkEligibility({ awardType, nominee, movement, year: b.year, record });
  }

  @Post()
  @Answers('NominationCommandAnswer', 201)
  @ApiOperation({
    summary:
      'Lập đề nghị khen thưởng: kiểm tra điều kiện, giữ thành tích (mỗi thành tích một lần khen) và chỉ tiêu',
  })
  async submit(
    @Body() b: dto.SubmitNominationDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome: CommandOutcome & { nominationId: string } = await this.commands.execute(
      new SubmitNominationCommand(dto.plain(b), h),
    );
    res.location(`/api/v1/emulation/nominations/${outcome.nominationId}`);
    res.setHeader('ETag', `"${outcome.version}"`);
    return outcome;
  }

  @Get(':id')
  @Answers('Nomination')
  @ApiOperation({
    summary: 'Đề nghị khen thưởng: điều kiện, minh chứng, các phiên xét và số phiếu, quyết định',
  })
  async get(
    @Id() id: string,
    @Query() q: dto.ReadQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<Nomination> {
    const n = await this.readModel.nomination(id, q.minPosition);
    if (!n) throw notFound('NOMINATION_NOT_FOUND', `Không tìm thấy đề nghị khen thưởng ${id}`);
    requireProvince(actor, n.provinceCode);
    return n;
  }

  @Post(':id/return')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thư ký Hội đồng trả lại đề nghị để bổ sung minh chứng' })
  returnIt(
    @Id() id: string,
    @Body() b: dto.ReturnNominationDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'ReturnNomination', b, h);
  }

  @Post(':id/supplement')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Bổ sung minh chứng; điều kiện được kiểm tra lại theo hồ sơ hiện tại' })
  supplement(
    @Id() id: string,
    @Body() b: dto.SupplementNominationDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'SupplementNomination', b, h);
  }

  @Post(':id/review')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thư ký Hội đồng mở phiên xét, điểm danh thành viên có mặt' })
  openReview(
    @Id() id: string,
    @Body() b: dto.OpenReviewDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'OpenReview', b, h);
  }

  @Post(':id/review/votes')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thành viên Hội đồng có mặt biểu quyết (mỗi người một lần)' })
  vote(
    @Id() id: string,
    @Body() b: dto.VoteDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'CastVote', b, h);
  }

  @Post(':id/review/written-votes')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Thư ký Hội đồng ghi phiếu biểu quyết bằng văn bản của thành viên vắng mặt (biểu quyết công khai, khi quy định của hình thức khen thưởng cho phép)',
  })
  writtenVote(
    @Id() id: string,
    @Body() b: dto.WrittenVoteDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'RecordWrittenVote', b, h);
  }

  @Post(':id/review/ballot-count')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Thư ký Hội đồng ghi kết quả kiểm phiếu kín: số phiếu tán thành, không tán thành, không biểu quyết, kể cả phiếu bằng văn bản; không ghi ai bỏ phiếu gì',
  })
  ballotCount(
    @Id() id: string,
    @Body() b: dto.BallotCountDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'RecordBallotCount', b, h);
  }

  @Post(':id/review/conclusion')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Kết luận phiên xét: số phiếu, tỷ lệ có mặt và tán thành theo quy định của hình thức khen thưởng',
  })
  conclude(
    @Id() id: string,
    @Body() b: dto.ConcludeReviewDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'ConcludeReview', b, h);
  }

  @Post(':id/escalation')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đề nghị khen thưởng cấp cao hơn cho đề nghị đã được Hội đồng thông qua' })
  escalate(
    @Id() id: string,
    @Body() b: dto.EscalateNominationDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'EscalateNomination', b, h);
  }

  @Post(':id/withdrawal')
  @Answers('NominationCommandAnswer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rút đề nghị khen thưởng' })
  withdraw(
    @Id() id: string,
    @Body() b: dto.WithdrawNominationDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(r, id, 'WithdrawNomination', b, h);
  }
}

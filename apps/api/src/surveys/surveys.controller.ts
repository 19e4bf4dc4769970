import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UnauthorizedException,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { invalid, type Actor } from '@ntm/decider';
import { AuthGuard, Public } from '../auth/auth.guard';
import { CurrentActor } from '../auth/current-actor';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { RateLimited } from '../http/rate-limit';
import { RequestMeta, type CommandHeaders } from '../http/request-context';
import { SurveyBodyLimits } from './body-shape';
import {
  CsvBodyInterceptor,
  MAX_REGISTER_BYTES,
  PRINT_SHEETS,
  RegisterAction,
  RegisterImportGuard,
} from './register-upload';
import { MAX_SHEETS_PER_FILE } from './ballot-sheets';
import type { BallotSheetsFile } from './survey.queries';
import type { CompletionOutcome } from './survey-completion';
import type { SurveyOutcome } from './survey.handlers';
import type { BallotForm, SurveyView } from './survey-view';
import { previewRegister, registerText, type RegisterPreview } from './register-file';
import * as dto from './survey.dto';
import {
  CastBallotCommand,
  CloseSurveyCommand,
  EnterPaperBatchCommand,
  GetBallotFormQuery,
  GetBallotSheetsQuery,
  GetSurveyQuery,
  ImportRegisterCommand,
  ListDossierSurveysQuery,
  OpenSurveyCommand,
} from './survey.messages';
import { Answers, AnswersFile } from '../http/swagger';

const Id = () => Param('id', new ParseUUIDPipe({ version: undefined }));

/** Who answers on the public ballot page, where a resident has no account: the household code is the proof. */
const BALLOT_PAGE: Actor = {
  id: 'system:survey-ballot-page',
  name: 'Trang phiếu khảo sát trực tuyến',
  role: 'system',
  jurisdiction: {},
};

/**
 * A household register upload: the caller is checked first (role and jurisdiction), only then is the body read,
 * as CSV text or as a multipart file (CSV or XLSX).
 */
const RegisterUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data', 'text/csv'),
    ApiBody({
      schema: {
        type: 'object',
        properties: { file: { type: 'string', format: 'binary' } },
        required: ['file'],
      },
    }),
    UseGuards(RegisterImportGuard),
    UseInterceptors(
      CsvBodyInterceptor,
      FileInterceptor('file', {
        limits: { fileSize: MAX_REGISTER_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      }),
    ),
  );

/** The register's bytes from the upload or the CSV body; a request without either is refused. */
const registerFile = (file: Express.Multer.File | undefined, body: unknown): Buffer | string => {
  const content = file?.buffer ?? (typeof body === 'string' ? body : undefined);
  if (content === undefined || content.length === 0) {
    throw invalid(
      'REGISTER_FILE_MISSING',
      "Thiếu danh sách hộ: gửi tệp CSV hoặc Excel trong trường 'file' (multipart/form-data) hoặc nội dung CSV (Content-Type: text/csv)",
      'file',
    );
  }
  return content;
};

/** The residents' satisfaction survey of a dossier (Ban Thường trực UBMTTQ xã): rounds, register, ballots, result. */
@ApiTags('surveys')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Gửi lại cùng khóa: nhận lại câu trả lời đầu, lệnh chỉ thực hiện một lần',
})
@Controller('api/v1')
@UseGuards(SurveyBodyLimits)
export class SurveysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The root module's auth guard, for the public ballot route's optional token. */
  private guard?: AuthGuard;

  private tagged<T extends { version: number }>(res: Response, outcome: T): T {
    res.setHeader('ETag', `"${outcome.version}"`);
    return outcome;
  }

  @Post('dossiers/:id/surveys')
  @Answers('SurveyOpenedAnswer', 201)
  @ApiOperation({
    summary: 'Mở vòng khảo sát sự hài lòng của người dân cho hồ sơ (cán bộ UBMTTQ xã)',
    description:
      'Tỷ lệ hộ tham gia tối thiểu và ngưỡng hài lòng lấy theo phiên bản quy trình của hồ sơ. Khảo sát tự kết thúc khi hết hạn.',
  })
  async open(
    @Id() id: string,
    @Body() body: dto.OpenSurveyDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    const outcome: SurveyOutcome & { round: number } = await this.commands.execute(
      new OpenSurveyCommand(id, body, h),
    );
    res.location(`/api/v1/surveys/${outcome.surveyId}`);
    return this.tagged(res, outcome);
  }

  @Get('dossiers/:id/surveys')
  @Answers('SurveyList')
  @ApiOperation({ summary: 'Mọi vòng khảo sát của hồ sơ, cũ trước mới sau' })
  listForDossier(@Id() id: string, @CurrentActor() actor: Actor): Promise<SurveyView[]> {
    return this.queries.execute(new ListDossierSurveysQuery(id, actor));
  }

  @Get('surveys/:id')
  @Answers('SurveyView')
  @ApiOperation({
    summary:
      'Khảo sát: số phiếu đến hiện tại, tỷ lệ tham gia, tỷ lệ hài lòng từng câu hỏi, các tập phiếu giấy và chỗ lệch',
  })
  async get(
    @Id() id: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurveyView> {
    return this.tagged(
      res,
      await this.queries.execute<GetSurveyQuery, SurveyView>(new GetSurveyQuery(id, actor)),
    );
  }

  @Post('surveys/:id/register')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Nhập danh sách hộ gia đình từ tệp CSV hoặc Excel (.xlsx; mã hộ, thôn); dòng lỗi được báo theo số dòng và không hộ nào được nhập',
  })
  @RegisterUpload()
  @Answers('RegisterImported')
  async register(
    @Id() id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SurveyOutcome & { households: number }> {
    const text = await registerText(registerFile(file, body));
    return this.tagged(
      res,
      await this.commands.execute<ImportRegisterCommand, SurveyOutcome & { households: number }>(
        new ImportRegisterCommand(id, text, h),
      ),
    );
  }

  @Post('surveys/:id/register/preview')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Xem trước danh sách hộ (CSV hoặc Excel .xlsx) trước khi nhập: số hộ theo thôn, hoặc mọi dòng lỗi; không nhập hộ nào',
    description: 'Cùng tệp, cùng giới hạn và cùng cách kiểm tra như khi nhập; liệt kê tối đa 1.000 dòng lỗi.',
  })
  @RegisterUpload()
  @Answers('RegisterPreview')
  async previewRegister(
    @Id() _id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
  ): Promise<RegisterPreview> {
    return previewRegister(await registerText(registerFile(file, body)));
  }

  @Post('surveys/:id/ballot-sheets')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'In phiếu lấy ý kiến và mã hộ gia đình (PDF, cán bộ UBMTTQ xã): mỗi hộ một tờ, gửi lại tệp danh sách hộ đã nhập',
    description:
      'Hệ thống không lưu mã hộ, nên phiếu được in từ chính tệp danh sách hộ đã nhập (CSV hoặc Excel), gửi lại và không được lưu. ' +
      'Mỗi tờ: phiếu (câu hỏi, ô trả lời; không ghi tên, không ghi mã hộ) và phần cắt rời ghi mã hộ dùng một lần kèm mã QR mở trang phiếu. ' +
      `Tối đa ${MAX_SHEETS_PER_FILE} tờ một tệp: in theo thôn (village) hoặc theo phần (part; số phần ở tiêu đề X-Sheet-Parts).`,
  })
  @RegisterAction(PRINT_SHEETS)
  @RegisterUpload()
  @AnswersFile(['application/pdf'], 'Phiếu lấy ý kiến và mã hộ gia đình (PDF)')
  async ballotSheets(
    @Id() id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: unknown,
    @Query() q: dto.BallotSheetsQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const text = await registerText(registerFile(file, body));
    const sheets = await this.queries.execute<GetBallotSheetsQuery, BallotSheetsFile>(
      new GetBallotSheetsQuery(id, text, { village: q.village, part: q.part }, actor),
    );
    res.setHeader('X-Sheet-Parts', String(sheets.parts));
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(sheets.pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${sheets.fileName}"`,
    });
  }

  @Get('surveys/:id/ballot-form')
  @Public()
  @Answers('BallotForm')
  @ApiOperation({
    summary:
      'Phiếu khảo sát cho trang phiếu công khai: tên xã, câu hỏi, thời hạn và khảo sát có đang nhận phiếu',
    description: 'Không cần đăng nhập; không cho biết gì về các hộ, danh sách hộ hay phiếu đã gửi.',
  })
  ballotForm(@Id() id: string): Promise<BallotForm> {
    return this.queries.execute(new GetBallotFormQuery(id));
  }

  @Post('surveys/:id/ballots')
  @Answers('SurveyCommandAnswer', 201)
  @Public()
  @RateLimited('ballots')
  @ApiOperation({
    summary: 'Gửi một phiếu trực tuyến (mỗi hộ một phiếu): mã hộ được băm bằng khóa bí mật, không lưu mã hộ',
    description:
      'Khi bật PUBLIC_BALLOTS: không cần đăng nhập (trang phiếu công khai, mã hộ là bằng chứng duy nhất); nếu không, cán bộ UBMTTQ xã gửi phiếu kèm mã truy cập. ' +
      'Nội dung tối đa 16 KB; số lần gửi bị giới hạn theo địa chỉ hoặc tài khoản (RATE_LIMIT_BALLOTS, trả 429). ' +
      'Mã hộ không có trong danh sách hoặc đã có phiếu đều nhận cùng một câu trả lời 422 BALLOT_REFUSED.',
  })
  async ballot(
    @Id() id: string,
    @Body() body: dto.BallotDto,
    @RequestMeta() h: CommandHeaders,
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (authorization === undefined && !this.config.publicBallots) {
      throw new UnauthorizedException({
        code: 'UNAUTHENTICATED',
        message: 'Trang phiếu công khai đang tắt (PUBLIC_BALLOTS): cần đăng nhập để gửi phiếu',
      });
    }
    const actor = authorization === undefined ? BALLOT_PAGE : await this.actorOf(authorization);
    return this.tagged(
      res,
      await this.commands.execute<CastBallotCommand, SurveyOutcome>(
        new CastBallotCommand(id, body, { ...h, actor }),
      ),
    );
  }

  @Post('surveys/:id/paper-batches')
  @Answers('SurveyCommandAnswer', 201)
  @ApiOperation({
    summary:
      'Nhập một tập phiếu giấy của thôn (một cán bộ); tập phiếu chỉ được tính khi cán bộ thứ hai nhập khớp',
  })
  async paperBatch(
    @Id() id: string,
    @Body() body: dto.PaperBatchDto,
    @RequestMeta() h: CommandHeaders,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.tagged(
      res,
      await this.commands.execute<EnterPaperBatchCommand, SurveyOutcome>(
        new EnterPaperBatchCommand(id, body, h),
      ),
    );
  }

  @Post('surveys/:id/close')
  @Answers('SurveyCompletion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Kết thúc khảo sát (cán bộ UBMTTQ xã): kiểm phiếu, ghi kết quả vào hồ sơ, niêm yết kết quả',
  })
  close(
    @Id() id: string,
    @Body() body: dto.CloseSurveyDto,
    @RequestMeta() h: CommandHeaders,
  ): Promise<CompletionOutcome> {
    return this.commands.execute(new CloseSurveyCommand(id, body, h));
  }

  /**
   * On the public ballot route a token is optional, but one that is sent must be valid: checked by the AuthGuard
   * as on any other route (the guard itself skips public routes), so a token verified once is remembered until
   * its expiry instead of being verified again on every ballot an officer types.
   */
  private actorOf(authorization: string): Promise<Actor> {
    // Looked up once (it is the root module's guard, not a provider of this module), not on every ballot.
    this.guard ??= this.modules.get(AuthGuard, { strict: false });
    return this.guard.actorOf(authorization);
  }
}

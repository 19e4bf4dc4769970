import {
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, notFound, type Actor } from '@ntm/decider';
import { checkHash, isTooLarge, type DocumentStore, type StoredDocument } from '@ntm/documents';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { CurrentActor } from '../auth/current-actor';
import { DocumentAccess } from './document-access';
import { discardBody, MULTIPART_OVERHEAD_BYTES, receiveUpload } from './upload-receiver';
import { Answers, AnswersFile } from '../http/swagger';

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

const mebibytes = (bytes: number) =>
  (bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 2 }) + ' MiB';

/**
 * The same answer whether the document does not exist or the reader may not see it: its address is the hash of
 * its content, so a 403 would confirm to anyone holding a copy of a file that the system stores it.
 */
const notVisible = (sha256: string) =>
  notFound(
    'DOCUMENT_NOT_FOUND',
    `Không tìm thấy tài liệu ${sha256} trong các tài liệu thuộc địa bàn bạn phụ trách`,
  );

/** Evidence files. Dossier events reference them by SHA-256, so upload first, then cite the hash. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly access: DocumentAccess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private tooLarge(violations: DomainError['violations'] = []): HttpException {
    return new HttpException(
      {
        code: 'DOCUMENT_TOO_LARGE',
        message: `Tệp tải lên vượt quá giới hạn dung lượng ${mebibytes(this.config.documentMaxBytes)}; không có gì được lưu.`,
        ...(violations.length ? { violations } : {}),
      },
      HttpStatus.PAYLOAD_TOO_LARGE,
    );
  }

  @Post()
  @Answers('StoredDocument', 201)
  @ApiOperation({
    summary: 'Tải lên tài liệu (PDF, ảnh, văn bản); trả về SHA-256 để dẫn chiếu trong hồ sơ',
    description:
      'Tệp được ghi trực tiếp vào kho khi đang tải lên (không giữ toàn bộ trong bộ nhớ). Loại tệp được xác định từ ' +
      'nội dung; tệp vượt giới hạn dung lượng bị từ chối với mã 413 và không có gì được lưu.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  async upload(@CurrentActor() actor: Actor, @Req() req: Request): Promise<StoredDocument> {
    // Role and area first: nothing of the body is read for a caller who may not upload.
    const area = this.access.uploaderArea(actor);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.config.documentMaxBytes + MULTIPART_OVERHEAD_BYTES) {
      discardBody(req);
      throw this.tooLarge();
    }
    try {
      const stored = await receiveUpload(req, (upload) => this.documents.put(upload));
      await this.access.grantUpload(stored.sha256, area);
      return stored;
    } catch (error) {
      if (isTooLarge(error)) throw this.tooLarge((error as DomainError).violations);
      throw error;
    }
  }

  @Get(':sha256')
  @AnswersFile(
    ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'],
    'Tài liệu (kiểu theo nội dung tệp)',
  )
  @ApiOperation({
    summary: 'Tải xuống tài liệu theo SHA-256',
    description:
      'Chỉ người có địa bàn phụ trách bao gồm địa bàn của người tải lên, hoặc của hồ sơ, đề nghị khen thưởng, ' +
      'hội đồng thi đua dẫn chiếu tài liệu, mới tải xuống được; người khác nhận 404 như khi tài liệu không tồn tại.',
  })
  @ApiQuery({
    name: 'minPosition',
    required: false,
    description:
      'position do lệnh dẫn chiếu tài liệu trả về: chờ (có giới hạn) tới khi quyền xem được cập nhật',
  })
  async download(
    @CurrentActor() actor: Actor,
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) res: Response,
    @Query('minPosition') minPosition?: string,
  ): Promise<StreamableFile> {
    const hash = checkHash(sha256);
    if (!(await this.access.mayRead(actor, hash, minPosition))) throw notVisible(hash);
    const found = await this.documents.open(hash);
    if (!found) throw notVisible(hash);
    res.setHeader('Content-Type', found.meta.mediaType);
    res.setHeader('Content-Length', String(found.meta.size));
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(found.meta.fileName)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(found.content);
  }
}

import {
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { invalid, notFound } from '@ntm/decider';
import type { DocumentStore, StoredDocument } from '@ntm/documents';

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

/** Evidence files. Dossier events reference them by SHA-256, so upload first, then cite the hash. */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('api/v1/documents')
export class DocumentsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @Post()
  @ApiOperation({ summary: 'Tải lên tài liệu (PDF, ảnh, văn bản); trả về SHA-256 để dẫn chiếu trong hồ sơ' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  })
  // The store enforces the size policy; multer's own cap only stops absurd bodies before they reach memory.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 256 * 1024 * 1024, files: 1 } }))
  async upload(@UploadedFile() file: Express.Multer.File | undefined): Promise<StoredDocument> {
    if (!file)
      throw invalid(
        'DOCUMENT_MISSING',
        "Thiếu tệp tải lên: gửi tệp trong trường 'file' (multipart/form-data)",
        'file',
      );
    // multer decodes the file name as latin1; browsers send UTF-8 (Vietnamese names).
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.documents.put({ content: file.buffer, fileName, mediaType: file.mimetype });
  }

  @Get(':sha256')
  @ApiOperation({ summary: 'Tải xuống tài liệu theo SHA-256' })
  async download(
    @Param('sha256') sha256: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const found = await this.documents.get(sha256);
    if (!found) throw notFound('DOCUMENT_NOT_FOUND', `Không tìm thấy tài liệu ${sha256}`);
    res.setHeader('Content-Type', found.meta.mediaType);
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(found.meta.fileName)}`,
    );
    return new StreamableFile(found.content);
  }
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorKind } from '@ntm/decider';
import { InvalidAppendError, StreamConflictError, StreamNotFoundError } from '@ntm/event-store';
import { requestFields } from './request-log';

const STATUS: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

// Framework errors (unknown route, body too large...) in the same Vietnamese-first shape as ours.
const HTTP_MESSAGES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy đường dẫn hoặc tài nguyên yêu cầu',
  405: 'Phương thức không được hỗ trợ',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Kiểu dữ liệu gửi lên không được hỗ trợ',
  503: 'Dịch vụ tạm thời không sẵn sàng',
};

/** One error shape for every failure: { code, message (Vietnamese), violations?, ...details }. */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly violations?: readonly unknown[];
  readonly [detail: string]: unknown;
}

/** What the body parsers (body-parser, raw-body) throw: an http-errors error with a type. */
const PARSER_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.too.large': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'Dữ liệu gửi lên quá lớn so với giới hạn cho phép',
  },
  'charset.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    code: 'UNSUPPORTED_CHARSET',
    message: 'Bảng mã (charset) của dữ liệu gửi lên không được hỗ trợ: hãy gửi UTF-8',
  },
  'encoding.unsupported': {
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    code: 'UNSUPPORTED_CONTENT_ENCODING',
    message: 'Kiểu nén (Content-Encoding) của dữ liệu gửi lên không được hỗ trợ',
  },
  'entity.parse.failed': {
    status: HttpStatus.BAD_REQUEST,
    code: 'INVALID_JSON',
    message: 'Dữ liệu gửi lên không phải JSON hợp lệ',
  },
  'request.size.invalid': {
    status: HttpStatus.BAD_REQUEST,
    code: 'INVALID_CONTENT_LENGTH',
    message: 'Độ dài dữ liệu gửi lên không khớp với tiêu đề Content-Length',
  },
  'request.aborted': {
    status: HttpStatus.BAD_REQUEST,
    code: 'REQUEST_ABORTED',
    message: 'Yêu cầu bị ngắt trước khi gửi hết dữ liệu',
  },
  'parameters.too.many': {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    code: 'TOO_MANY_PARAMETERS',
    message: 'Dữ liệu gửi lên có quá nhiều tham số',
  },
};

/**
 * Where JSON that would not parse broke, as a person finds it in their file: "dòng 3, cột 5" from the parser's
 * position (V8 names it in its message) in the text received; cut short, it says so; otherwise nothing.
 */
const whereJsonBroke = (error: { message?: unknown; body?: unknown }): string => {
  const message = typeof error.message === 'string' ? error.message : '';
  if (/end of JSON input|Unterminated/.test(message) && !/position \d+/.test(message))
    return ': dữ liệu kết thúc giữa chừng';
  const position = /position (\d+)/.exec(message);
  if (!position || typeof error.body !== 'string') return '';
  const before = error.body.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `: lỗi ở dòng ${line}, cột ${column}`;
};

export const parserError = (error: unknown): { status: number; body: ErrorBody } | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status, limit } = error as { type?: unknown; status?: unknown; limit?: unknown };
  const known = typeof type === 'string' ? PARSER_ERRORS[type] : undefined;
  if (known) {
    const suffix =
      type === 'entity.too.large' && typeof limit === 'number'
        ? ` (tối đa ${limit} byte)`
        : type === 'entity.parse.failed'
          ? whereJsonBroke(error as { message?: unknown; body?: unknown })
          : '';
    return { status: known.status, body: { code: known.code, message: known.message + suffix } };
  }
  // Any other client error of the HTTP layer (http-errors marks them expose: true): keep its 4xx status.
  if (
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    (error as { expose?: unknown }).expose === true
  ) {
    return {
      status,
      body: {
        code: HttpStatus[status] ?? 'BAD_REQUEST',
        message: HTTP_MESSAGES[status] ?? HTTP_MESSAGES[400],
      },
    };
  }
  return undefined;
};

/**
 * The database went away under the request (connection dropped, server restarting, backend terminated).
 * A keyed command then wrote nothing or wrote everything with its answer: retrying with the key is safe.
 */
const isDatabaseInterruption = (error: unknown): boolean => {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && /^(08|57P|ECONNREFUSED$|ECONNRESET$)/.test(code)) return true;
  // Read by shape: an error made by Node's own modules is not `instanceof Error` in every realm (test runners).
  const message = (error as { message?: unknown })?.message;
  // pg's words for a connection lost, refused, or not to be had from a full pool in time.
  return (
    typeof message === 'string' &&
    /Connection terminated|connection (?:is )?closed|not queryable|timeout exceeded when trying to connect|ECONNREFUSED|ECONNRESET/i.test(
      message,
    )
  );
};

export const toErrorResponse = (error: unknown): { status: number; body: ErrorBody } => {
  const parser = parserError(error);
  if (parser) return parser;
  if (error instanceof DomainError) {
    return {
      status: STATUS[error.kind],
      body: {
        code: error.code,
        message: error.message,
        ...(error.violations.length ? { violations: error.violations } : {}),
      },
    };
  }
  if (error instanceof StreamConflictError) {
    return {
      status: HttpStatus.CONFLICT,
      body: {
        code: 'VERSION_CONFLICT',
        message: `Hồ sơ đã được người khác cập nhật: phiên bản bạn gửi là ${error.expectedVersion}, phiên bản hiện tại là ${error.actualVersion ?? 'chưa có'}. Hãy tải lại hồ sơ rồi thử lại.`,
        expectedVersion: error.expectedVersion,
        currentVersion: error.actualVersion,
      },
    };
  }
  if (error instanceof StreamNotFoundError) {
    return {
      status: HttpStatus.NOT_FOUND,
      body: { code: 'NOT_FOUND', message: `Không tìm thấy ${error.streamId}` },
    };
  }
  if (error instanceof InvalidAppendError) {
    return {
      status: HttpStatus.BAD_REQUEST,
      body: {
        code: 'INVALID_EVENT',
        message: `Dữ liệu không hợp lệ (${error.field}): ${error.message}`,
        field: error.field,
      },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const body =
      typeof response === 'object' && response !== null && 'code' in response
        ? (response as ErrorBody)
        : {
            // Keep what the framework said (e.g. the health report), in our shape and language.
            ...(typeof response === 'object' && response !== null ? response : {}),
            code: HttpStatus[status] ?? 'HTTP_ERROR',
            message: HTTP_MESSAGES[status] ?? error.message,
            detail: error.message,
          };
    return { status, body };
  }
  if (isDatabaseInterruption(error)) {
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: {
        code: 'DATABASE_INTERRUPTED',
        message:
          'Kết nối tới cơ sở dữ liệu bị gián đoạn. Hãy gửi lại yêu cầu với cùng Idempotency-Key: lệnh chỉ được thực hiện một lần.',
      },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau' },
  };
};

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const { status, body } = toErrorResponse(error);
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (status === 503) {
      // Not a fault: a read model still catching up, or a dependency down. Tell the client when to retry.
      this.logger.warn({ ...requestFields(http.getRequest()), msg: `${body.code}: ${body.message}` });
      response.setHeader('Retry-After', '1');
    } else if (status >= 500) {
      this.logger.error({ ...requestFields(http.getRequest()), err: error });
    }
    // The command timer labels the outcome with it (operations/command-timer.guard.ts).
    response.locals.errorCode = body.code;
    response.status(status).json(body);
  }
}

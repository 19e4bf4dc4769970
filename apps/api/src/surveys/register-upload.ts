import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type NestInterceptor,
  type CallHandler,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, RequestHandler, Response } from 'express';
import { text } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import { invalid, type Actor } from '@ntm/decider';
import { authorise } from '@ntm/survey';
import { Clock } from '@ntm/application';
import { SurveyStreams } from './survey-streams';

/** Largest register accepted: 50,000 households of a large commune take about 1.5 MB. */
export const MAX_REGISTER_BYTES = 8 * 1024 * 1024;

/** Content types a register may come as, besides a multipart upload. */
export const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a route sends the register for, as a refusal names it (default: importing it). */
const REGISTER_ACTION = 'survey:register-action';
export const IMPORT_REGISTER = 'nhập danh sách hộ';
export const PRINT_SHEETS = 'in phiếu và mã hộ gia đình';
export const RegisterAction = (action: string) => SetMetadata(REGISTER_ACTION, action);

/**
 * Who may send a survey's register, to import it or to print its ballot sheets (a Front officer of the survey's
 * commune), checked before a byte of the file is read: the body is only parsed (by the interceptors that
 * follow) for a caller who may send it.
 */
@Injectable()
export class RegisterImportGuard implements CanActivate {
  constructor(
    private readonly streams: SurveyStreams,
    private readonly reflector: Reflector,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
    const id = String(request.params.id ?? '');
    if (!UUID.test(id)) throw invalid('INVALID_ID', `Mã khảo sát «${id.slice(0, 40)}» phải là UUID`, 'id');
    const state = await this.streams.opened(id);
    authorise(
      { actor: request.actor, now: this.clock.now().toISOString() },
      state,
      ['front_officer'],
      this.reflector.get<string | undefined>(REGISTER_ACTION, context.getHandler()) ?? IMPORT_REGISTER,
    );
    return true;
  }
}

const readCsv: RequestHandler = text({ type: CSV_TYPES, limit: MAX_REGISTER_BYTES });

/** Reads a text/csv body, after the guard: a register sent as plain CSV rather than a multipart upload. */
@Injectable()
export class CsvBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const read = new Promise<void>((resolve, reject) =>
      readCsv(request, response, (error?: unknown) => (error ? reject(asHttpError(error)) : resolve())),
    );
    return from(read).pipe(switchMap(() => next.handle()));
  }
}

/** body-parser's errors carry a status (413 too large, 415 charset...): answer them in our shape. */
const asHttpError = (error: unknown): Error => {
  const status = (error as { status?: number }).status;
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    return new HttpException(
      {
        code: 'REGISTER_TOO_LARGE',
        message: `Tệp danh sách hộ quá lớn: tối đa ${MAX_REGISTER_BYTES / 1024 / 1024} MB`,
      },
      status,
    );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpException(
      {
        code: 'INVALID_REGISTER_BODY',
        message: 'Không đọc được nội dung tệp danh sách hộ (kiểu hoặc bảng mã)',
      },
      status,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
};

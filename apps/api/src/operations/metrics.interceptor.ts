import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { DomainError } from '@ntm/decider';
import { Metrics } from '@ntm/application';
import { catchError, tap, throwError, type Observable } from 'rxjs';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The stable code an error answers with (the outcome label), without reading any user text. */
const outcomeOf = (error: unknown): string => {
  if (error instanceof DomainError) return error.code;
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const code = typeof body === 'object' && body && 'code' in body ? body.code : undefined;
    return typeof code === 'string' && /^[A-Z_]{1,60}$/.test(code) ? code : `HTTP_${error.getStatus()}`;
  }
  return 'INTERNAL_ERROR';
};

/** Times every command route (a write) by its handler's name: DossiersController.submit, ... */
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ method: string }>();
    if (!COMMAND_METHODS.has(request.method)) return next.handle();
    const command = `${context.getClass().name}.${context.getHandler().name}`;
    const stop = this.metrics.commandDuration.startTimer({ command });
    return next.handle().pipe(
      tap(() => stop({ outcome: 'ok' })),
      catchError((error: unknown) => {
        stop({ outcome: outcomeOf(error) });
        return throwError(() => error);
      }),
    );
  }
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Metrics } from '@ntm/application';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The error filter's code, kept only when it is one of ours (a label must not carry what a client chose). */
const ERROR_CODE = /^[A-Z_]{1,60}$/;

/**
 * Times every command route (a write) by its handler's name (DossiersController.submit, ...), from its turn
 * until the answer is sent, with the outcome: ok, or the error code the answer carried.
 *
 * A guard that always lets the request through, not an interceptor: Nest runs a route with any interceptor
 * through rxjs and async resources, which cost about a tenth of a command's CPU in the HTTP bench; a guard is
 * one call.
 */
@Injectable()
export class CommandTimer implements CanActivate {
  constructor(private readonly metrics: Metrics) {}

  canActivate(context: ExecutionContext): true {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    if (!COMMAND_METHODS.has(http.getRequest<Request>().method)) return true;
    const response = http.getResponse<Response>();
    const stop = this.metrics.commandDuration.startTimer({
      command: `${context.getClass().name}.${context.getHandler().name}`,
    });
    response.once('finish', () => {
      // The error filter leaves there the code it answered with.
      const code: unknown = response.locals.errorCode;
      const outcome =
        response.statusCode < 400
          ? 'ok'
          : typeof code === 'string' && ERROR_CODE.test(code)
            ? code
            : `HTTP_${response.statusCode}`;
      stop({ outcome });
    });
    return true;
  }
}

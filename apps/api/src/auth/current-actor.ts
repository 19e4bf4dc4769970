import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ntm/decider';
import type { Request } from 'express';

/** A request the AuthGuard let through: it carries the actor its token names. */
export type AuthenticatedRequest = Request & { actor: Actor };

/** The authenticated actor the AuthGuard put on the request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
});

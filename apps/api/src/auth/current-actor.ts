import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ntm/decider';

/** The authenticated actor the AuthGuard put on the request. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});

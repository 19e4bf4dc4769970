import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Metrics } from '@ntm/application';
import type { NextFunction, Request, Response } from 'express';
import { AuthGuard } from '../auth/auth.guard';
import { toErrorResponse } from '../http/error.filter';

export const BULL_BOARD_PATH = '/api/admin/queues';

/**
 * Bull Board over the queues the metrics watch, for administrators only: the same bearer tokens as the API
 * (401 without a valid one, 403 for any role but admin). Mounted on Express, outside Nest's guards, so it checks
 * the token itself through the AuthGuard's verification.
 */
export const mountBullBoard = (app: NestExpressApplication): void => {
  const board = new ExpressAdapter().setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: app.get(Metrics).queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter: board,
  });
  const guard = app.get(AuthGuard);
  const adminOnly = (req: Request, res: Response, next: NextFunction) => {
    guard
      .actorOf(req.headers.authorization)
      .then((actor) => {
        if (actor.role === 'admin') return next();
        res
          .status(403)
          .json({ code: 'ROLE_NOT_ALLOWED', message: 'Chỉ quản trị hệ thống được xem hàng đợi' });
      })
      .catch((e: unknown) => {
        const { status, body } = toErrorResponse(e);
        res.status(status).json(body);
      });
  };
  app.use(BULL_BOARD_PATH, adminOnly, board.getRouter() as (req: Request, res: Response) => void);
};

import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';

/**
 * Largest online ballot body: a household code (100 characters) and at most 51 answers of short ids come to
 * about 4 KB. The route is open to anyone, so a larger body is refused before a byte of it is parsed: a
 * 100,000-key `answers` object never reaches JSON.parse.
 */
export const MAX_BALLOT_BODY_BYTES = 16 * 1024;

export const BALLOT_ROUTE = '/api/v1/surveys/:id/ballots';

const parseBallot = json({ limit: MAX_BALLOT_BODY_BYTES });

/**
 * Mounts the ballot route's own JSON parser ahead of the application's (which then finds the body read).
 * Its refusals are answered here, in the API's error shape, since no Nest filter sees a middleware's error.
 */
export const mountBallotBodyLimit = (app: NestExpressApplication): void => {
  app.use(BALLOT_ROUTE, (req: Request, res: Response, next: NextFunction) =>
    parseBallot(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status;
      if (status === 413) {
        res.status(413).json({
          code: 'BALLOT_TOO_LARGE',
          message: `Phiếu gửi lên quá lớn: tối đa ${MAX_BALLOT_BODY_BYTES / 1024} KB`,
        });
      } else if (status === 415) {
        res.status(415).json({
          code: 'UNSUPPORTED_CHARSET',
          message: 'Phiếu phải được gửi dưới dạng JSON mã UTF-8',
        });
      } else {
        res.status(400).json({ code: 'INVALID_JSON', message: 'Nội dung phiếu không phải JSON hợp lệ' });
      }
    }),
  );
};

import { BadRequestException, HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { parserError } from './error.filter';

/** Largest JSON body: 8 times the largest legitimate one (a paper batch of 500 forms, ~230 KB). */
export const JSON_BODY_LIMIT = '2mb';
/** No request body of this API nests deeper than 6 levels; anything past this is refused before validation. */
export const MAX_JSON_DEPTH = 32;
/** Longest array anywhere in a body (the largest legitimate ones: a province's communes, a batch of 500 forms). */
export const MAX_JSON_ARRAY = 2_000;
/** Most keys of any one object in a body (the widest legitimate one has a few dozen). */
export const MAX_JSON_KEYS = 1_000;

const refuse = (code: string, message: string) => new BadRequestException({ code, message });

/**
 * Refuses a parsed body whose shape no route accepts (too deep, an array or an object too wide), before
 * class-transformer and class-validator walk it: both recurse, so 20,000 nested arrays would overflow the
 * stack, and 100,000 keys or elements would keep the event loop busy for seconds. Iterative, linear in size.
 */
export const checkBodyShape = (body: unknown): void => {
  if (body === null || typeof body !== 'object') return;
  const pending: [unknown, number][] = [[body, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (depth > MAX_JSON_DEPTH)
      throw refuse(
        'BODY_TOO_DEEP',
        `Dữ liệu gửi lên lồng nhau quá sâu: tối đa ${MAX_JSON_DEPTH} cấp đối tượng hoặc danh sách`,
      );
    if (Array.isArray(value)) {
      if (value.length > MAX_JSON_ARRAY)
        throw refuse(
          'BODY_ARRAY_TOO_LONG',
          `Dữ liệu gửi lên có danh sách quá dài: tối đa ${MAX_JSON_ARRAY} phần tử mỗi danh sách`,
        );
      for (const item of value)
        if (item !== null && typeof item === 'object') pending.push([item, depth + 1]);
    } else {
      let keys = 0;
      for (const key in value as Record<string, unknown>) {
        if (++keys > MAX_JSON_KEYS)
          throw refuse(
            'BODY_TOO_MANY_FIELDS',
            `Dữ liệu gửi lên có đối tượng quá nhiều trường: tối đa ${MAX_JSON_KEYS} trường mỗi đối tượng`,
          );
        const item = (value as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') pending.push([item, depth + 1]);
      }
    }
  }
};

/** Express middleware, mounted right after the body parsers. */
export const bodyShapeGuard = (req: Request, _res: Response, next: NextFunction): void => {
  try {
    checkBodyShape(req.body);
    next();
  } catch (e) {
    next(e);
  }
};

/**
 * Express error middleware, mounted right after the body parsers: what they throw (too large, bad charset,
 * malformed JSON) becomes our error shape with a stable code, before the framework turns a JSON syntax error
 * into a bare 400 with an English message.
 */
export const bodyParserErrors = (error: unknown, _req: Request, _res: Response, next: NextFunction): void => {
  const mapped = parserError(error);
  next(mapped ? new HttpException(mapped.body, mapped.status) : error);
};

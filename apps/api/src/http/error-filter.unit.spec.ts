import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ErrorFilter, parserError } from './error.filter';

/** The error body-parser gives for a body JSON.parse refused: its message, with the text received. */
const parseFailure = (body: string) => {
  try {
    JSON.parse(body);
  } catch (e) {
    return { type: 'entity.parse.failed', status: 400, expose: true, message: (e as Error).message, body };
  }
  throw new Error('the body parsed');
};

describe('a body that is not JSON', () => {
  it('is refused with the line and column where it broke, as the file is read', () => {
    const file = '{\n  "name": "Bộ tiêu chí",\n  "version" 2\n}';
    expect(parserError(parseFailure(file))).toEqual({
      status: 400,
      body: { code: 'INVALID_JSON', message: 'Dữ liệu gửi lên không phải JSON hợp lệ: lỗi ở dòng 3, cột 13' },
    });
  });

  it('says nothing of a place the parser did not name', () => {
    const refused = parserError({ type: 'entity.parse.failed', message: 'Unexpected token', body: '{x}' });
    expect(refused?.body.message).toBe('Dữ liệu gửi lên không phải JSON hợp lệ');
  });
});

describe('a fault while answering a request', () => {
  const written: unknown[] = [];
  const capture = {
    log: () => {},
    warn: (m: unknown) => written.push(m),
    error: (m: unknown) => written.push(m),
  };
  beforeAll(() => Logger.overrideLogger(capture));
  afterAll(() => Logger.overrideLogger(['error', 'warn']));

  it('is logged with the request it answered, and the client gets no detail', () => {
    const req = new IncomingMessage(new Socket()) as IncomingMessage & { originalUrl?: string };
    Object.assign(req, {
      method: 'POST',
      url: '/api/dossiers/x/decision',
      headers: { 'x-correlation-id': 'ho-so-7' },
    });
    const sent: { status?: number; body?: unknown } = {};
    const res = {
      locals: {},
      setHeader: () => {},
      status: (s: number) => ((sent.status = s), { json: (b: unknown) => (sent.body = b) }),
    };
    const host = {
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
    } as unknown as ArgumentsHost;
    new ErrorFilter().catch(new Error('connection reset by the database'), host);
    expect(sent).toEqual({
      status: 500,
      body: { code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau' },
    });
    expect(written).toEqual([
      expect.objectContaining({
        req: expect.objectContaining({ method: 'POST', url: '/api/dossiers/x/decision' }),
        correlationId: 'ho-so-7',
        err: expect.objectContaining({ message: 'connection reset by the database' }),
      }),
    ]);
  });
});

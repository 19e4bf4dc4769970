import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp, { type Options } from 'pino-http';
import { loggingParams } from './logging';

/** A server logging its requests with the API's settings into `lines` (one JSON object per line). */
const serve = async (lines: Record<string, unknown>[]): Promise<{ server: Server; url: string }> => {
  const { pinoHttp: options } = loggingParams({ logLevel: 'info' }) as { pinoHttp: Options };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pinoHttp({ ...options, logger: pino({ level: 'info' }, sink) });
  const server = createServer((req, res) => log(req, res, () => res.end('ok')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

describe('request log lines', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => ({ server, url } = await serve(lines)));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => (lines.length = 0));

  const lineOf = async (headers: Record<string, string>) => {
    const res = await fetch(`${url}/api/v1/dossiers`, { headers });
    await res.text();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    return { line: lines[0], requestId: res.headers.get('x-request-id') };
  };

  it('carry the request id and the correlation id, and no header', async () => {
    const { line, requestId } = await lineOf({
      'x-request-id': 'req-1',
      'x-correlation-id': 'ho-so-42',
      authorization: 'Bearer bi-mat',
      'idempotency-key': 'khoa-1',
    });
    expect(requestId).toBe('req-1');
    expect(line).toMatchObject({
      correlationId: 'ho-so-42',
      req: { id: 'req-1', method: 'GET', url: '/api/v1/dossiers', remoteAddress: '127.0.0.1' },
      res: { statusCode: 200 },
    });
    expect(JSON.stringify(line)).not.toMatch(/bi-mat|khoa-1/);
  });

  it('make up a request id, and leave the correlation id out when none (or no short token) was sent', async () => {
    for (const headers of [{}, { 'x-correlation-id': 'not a token!' }] as Record<string, string>[]) {
      lines.length = 0;
      const { line, requestId } = await lineOf(headers);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect((line.req as { id: string }).id).toBe(requestId);
      expect(line).not.toHaveProperty('correlationId');
    }
  });
});

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLog } from './request-log';

/** A server logging its requests with the API's request log into `lines` (one JSON object per line). */
const serve = async (
  lines: Record<string, unknown>[],
  answer: (res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = requestLog(pino({ level: 'info' }, sink));
  const server = createServer((req, res) => log(req, res, () => answer(res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

/** Waits until `lines` holds one line (the log is written when the answer's socket side closes). */
const oneLine = async (lines: Record<string, unknown>[]) => {
  while (lines.length === 0) await new Promise((resolve) => setImmediate(resolve));
  expect(lines).toHaveLength(1);
  return lines[0];
};

describe('request log lines', () => {
  const lines: Record<string, unknown>[] = [];
  let status = 200;
  let server: Server;
  let url: string;
  beforeAll(
    async () =>
      ({ server, url } = await serve(lines, (res) => {
        res.statusCode = status;
        res.end('ok');
      })),
  );
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    lines.length = 0;
    status = 200;
  });

  const lineOf = async (headers: Record<string, string>) => {
    const res = await fetch(`${url}/api/v1/dossiers?page=2`, { headers });
    await res.text();
    return { line: await oneLine(lines), requestId: res.headers.get('x-request-id') };
  };

  it('carry the request id, the correlation id, the status and the time taken, and no header', async () => {
    const { line, requestId } = await lineOf({
      'x-request-id': 'req-1',
      'x-correlation-id': 'ho-so-42',
      authorization: 'Bearer bi-mat',
      'idempotency-key': 'khoa-1',
    });
    expect(requestId).toBe('req-1');
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      correlationId: 'ho-so-42',
      req: { id: 'req-1', method: 'GET', url: '/api/v1/dossiers?page=2', remoteAddress: '127.0.0.1' },
      res: { statusCode: 200 },
    });
    expect(line.responseTime).toEqual(expect.any(Number));
    expect(JSON.stringify(line)).not.toMatch(/bi-mat|khoa-1/);
  });

  it('make up a request id, and leave the correlation id out when none (or no short token) was sent', async () => {
    for (const headers of [{}, { 'x-correlation-id': 'not a token!', 'x-request-id': '<script>' }]) {
      lines.length = 0;
      const { line, requestId } = await lineOf(headers as Record<string, string>);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect((line.req as { id: string }).id).toBe(requestId);
      expect(line).not.toHaveProperty('correlationId');
      expect(JSON.stringify(line)).not.toContain('script');
    }
  });

  it('write an answer of 500 or more at the error level', async () => {
    status = 503;
    const { line } = await lineOf({});
    expect(line).toMatchObject({ level: 50, msg: 'request errored', res: { statusCode: 503 } });
  });
});

describe('a request the client leaves before its answer', () => {
  it('is logged as aborted, at the warning level', async () => {
    const lines: Record<string, unknown>[] = [];
    let reached!: () => void;
    const handled = new Promise<void>((resolve) => (reached = resolve));
    const { server, url } = await serve(lines, () => reached()); // never answers
    try {
      const aborted = new AbortController();
      const sent = fetch(url, { signal: aborted.signal }).catch(() => 'aborted');
      await handled;
      aborted.abort();
      expect(await sent).toBe('aborted');
      expect(await oneLine(lines)).toMatchObject({ level: 40, msg: 'request aborted' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

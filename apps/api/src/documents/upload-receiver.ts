import busboy from 'busboy';
import type { Request } from 'express';
import { invalid } from '@ntm/decider';
import type { DocumentUpload } from '@ntm/documents';

/** Multipart framing allowed above the file's own size before a declared Content-Length is refused outright. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** After a refusal, the rest of a body is read and dropped up to this much; past it the connection is cut. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Reads and drops the rest of a refused request's body, so the client gets the answer rather than a reset; a body
 * going on past DRAIN_LIMIT_BYTES has its connection cut.
 */
export const discardBody = (req: Request): void => {
  let drained = 0;
  req.on('data', (piece: Buffer) => {
    drained += piece.length;
    if (drained > DRAIN_LIMIT_BYTES) req.destroy();
  });
  req.resume();
};

const missing = () =>
  invalid('DOCUMENT_MISSING', "Thiếu tệp tải lên: gửi tệp trong trường 'file' (multipart/form-data)", 'file');

/**
 * Streams the multipart part `file` of a request into `store` as it arrives: nothing is buffered beyond what the
 * parser and the store hold at a time. Other parts are read and dropped. When `store` refuses (type, size), the
 * rest of the body is drained without being kept (or the connection cut past DRAIN_LIMIT_BYTES), so the client
 * receives the answer.
 */
export const receiveUpload = <T>(req: Request, store: (upload: DocumentUpload) => Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 20 },
      });
    } catch {
      // Not multipart/form-data (or no boundary).
      reject(missing());
      return;
    }
    let settled = false;
    let started = false;
    // The part being stored: destroyed when the request breaks off, so the store rolls back instead of waiting.
    let part: (NodeJS.ReadableStream & { destroy(error?: Error): void }) | null = null;
    const finish = (error: Error | undefined, value?: T) => {
      if (settled) return;
      settled = true;
      if (error === undefined) {
        resolve(value as T);
        return;
      }
      req.unpipe(parser);
      discardBody(req);
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || started) {
        stream.resume();
        return;
      }
      started = true;
      part = stream;
      store({ content: stream, fileName: info.filename ?? '', mediaType: info.mimeType ?? '' }).then(
        (value) => finish(undefined, value),
        (error: Error) => {
          stream.resume();
          finish(error);
        },
      );
    });
    parser.on('close', () => {
      if (!started) finish(missing());
    });
    const breakOff = (error: Error) => {
      part?.destroy(new Error('upload broken off'));
      finish(error);
    };
    parser.on('error', () =>
      breakOff(
        invalid(
          'UPLOAD_MALFORMED',
          'Dữ liệu multipart/form-data gửi lên không hợp lệ hoặc bị cắt ngang',
          'file',
        ),
      ),
    );
    req.on('close', () => {
      if (!req.complete) breakOff(invalid('UPLOAD_ABORTED', 'Việc tải lên bị ngắt giữa chừng', 'file'));
    });
    req.pipe(parser);
  });

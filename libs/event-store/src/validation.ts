import { InvalidAppendError } from './errors';
import {
  MAX_EVENT_BYTES,
  START,
  type AppendOptions,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadStreamOptions,
} from './port';

/** An event checked and serialised once, ready for any adapter to write. */
export interface PreparedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** The value as given; `dataJson` is what will be read back (toJSON applied, undefined properties dropped). */
  readonly data: unknown;
  readonly dataJson: string;
  /** Metadata without `schemaVersion`: that travels in its own column / field. */
  readonly metadata: Record<string, unknown>;
  readonly metadataJson: string;
}

export interface PreparedAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly PreparedEvent[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REQUIRED_METADATA = ['actor', 'role', 'correlationId', 'causationId'] as const;

const invalid = (field: string, message: string) => new InvalidAppendError(field, `${field}: ${message}`);

/**
 * Checks everything an append needs before any I/O, so a bad call writes nothing.
 * Throws InvalidAppendError naming the first offending field.
 */
export const prepareAppend = (
  streamId: unknown,
  events: unknown,
  options: AppendOptions | undefined,
): PreparedAppend => {
  if (typeof streamId !== 'string' || streamId.trim() === '') {
    throw invalid('streamId', 'mã luồng sự kiện không được để trống');
  }
  if (streamId.startsWith('$')) {
    throw invalid('streamId', 'mã luồng không được bắt đầu bằng "$" (dành cho luồng hệ thống)');
  }
  const expectedVersion = checkExpectedVersion(options?.expectedVersion);
  if (!Array.isArray(events) || events.length === 0) {
    throw invalid('events', 'cần ít nhất một sự kiện để ghi');
  }
  const seen = new Set<string>();
  const prepared = events.map((event: unknown, index) => {
    const item = prepareEvent(event, `events[${index}]`);
    const key = item.eventId.toLowerCase();
    if (seen.has(key))
      throw invalid(`events[${index}].eventId`, `mã sự kiện ${item.eventId} bị lặp trong cùng lần ghi`);
    seen.add(key);
    return item;
  });
  return { streamId, expectedVersion, events: prepared };
};

const checkExpectedVersion = (value: unknown): ExpectedVersion => {
  if (value === 'no-stream' || value === 'stream-exists' || value === 'any') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw invalid(
    'expectedVersion',
    `phiên bản mong đợi không hợp lệ (${String(value)}); dùng 'no-stream', 'stream-exists', 'any' hoặc số nguyên ≥ 0`,
  );
};

const prepareEvent = (event: unknown, path: string): PreparedEvent => {
  if (!isPlainObject(event)) throw invalid(path, 'sự kiện phải là một đối tượng');
  const { eventId, type, data, metadata } = event;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw invalid(`${path}.eventId`, `mã sự kiện phải là UUID (nhận được ${describe(eventId)})`);
  }
  if (typeof type !== 'string' || type.trim() === '') throw invalid(`${path}.type`, 'thiếu loại sự kiện');
  if (type.startsWith('$')) throw invalid(`${path}.type`, 'loại sự kiện không được bắt đầu bằng "$"');
  if (data === undefined) throw invalid(`${path}.data`, 'thiếu dữ liệu sự kiện');
  if (!isPlainObject(metadata)) throw invalid(`${path}.metadata`, 'thiếu siêu dữ liệu (metadata)');

  const meta = metadata;
  for (const key of REQUIRED_METADATA) {
    const value = meta[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw invalid(`${path}.metadata.${key}`, `thiếu ${key} trong siêu dữ liệu`);
    }
  }
  const schemaVersion = meta.schemaVersion ?? 1;
  if (typeof schemaVersion !== 'number' || !Number.isSafeInteger(schemaVersion) || schemaVersion < 1) {
    throw invalid(`${path}.metadata.schemaVersion`, 'phiên bản lược đồ phải là số nguyên ≥ 1');
  }
  const { schemaVersion: _dropped, ...rest } = meta;

  const dataJson = serialise(data, `${path}.data`);
  const metadataJson = serialise(rest, `${path}.metadata`);
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > MAX_EVENT_BYTES) {
    throw invalid(path, `sự kiện quá lớn (${bytes} byte, tối đa ${MAX_EVENT_BYTES} byte)`);
  }
  return {
    eventId: eventId.toLowerCase(),
    type,
    schemaVersion,
    data,
    dataJson,
    metadata: rest,
    metadataJson,
  };
};

const MAX_DEPTH = 256;
/** What jsonb refuses in a string: NUL, and a surrogate half without its partner. */
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `value` as JSON, when JSON.stringify would give back exactly what the reader will get: nothing it
 * silently drops or changes (functions, symbols, BigInt, NaN, Map, undefined in an array...), nothing
 * jsonb refuses. Undefined object properties are dropped, as in JSON. The quick check runs on every
 * append; the slow one, which names the offending field, only once something is wrong.
 */
const serialise = (value: unknown, path: string): string => {
  if (!isJsonSafe(value, 0)) {
    findProblem(value, path, new Set(), 0);
    throw invalid(path, 'dữ liệu không tuần tự hoá được sang JSON');
  }
  return JSON.stringify(value);
};

const isJsonSafe = (value: unknown, depth: number): boolean => {
  switch (typeof value) {
    case 'string':
      return !BAD_TEXT.test(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  // Also how a cycle shows here: the slow walk then names it.
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!isJsonSafe(value[i], depth + 1)) return false;
    return true;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return isJsonSafe(toJSON.call(value), depth + 1);
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    const item = value[key];
    if (item !== undefined && (BAD_TEXT.test(key) || !isJsonSafe(item, depth + 1))) return false;
  }
  return true;
};

/** Throws InvalidAppendError naming the first field isJsonSafe objects to. */
const findProblem = (value: unknown, path: string, ancestors: Set<object>, depth: number): void => {
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) throw invalid(path, 'chuỗi chứa ký tự NUL (\\u0000)');
      if (BAD_TEXT.test(value)) throw invalid(path, 'chuỗi chứa ký tự Unicode không hợp lệ (surrogate lẻ)');
      return;
    case 'number':
      if (!Number.isFinite(value))
        throw invalid(path, `số không hữu hạn (${value}) không biểu diễn được trong JSON`);
      return;
    case 'boolean':
      return;
    case 'object':
      break;
    default:
      throw invalid(path, `giá trị kiểu ${typeof value} không tuần tự hoá được sang JSON`);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw invalid(path, 'dữ liệu có tham chiếu vòng');
  if (depth > MAX_DEPTH) throw invalid(path, `dữ liệu lồng quá ${MAX_DEPTH} cấp`);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return findProblem(toJSON.call(value), path, ancestors, depth + 1);
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => findProblem(item, `${path}[${i}]`, ancestors, depth + 1));
  } else if (!isPlainObject(value)) {
    const kind = value.constructor?.name ?? 'không rõ';
    throw invalid(path, `đối tượng kiểu ${kind} không tuần tự hoá được sang JSON`);
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (BAD_TEXT.test(key)) throw invalid(`${path}.${key}`, 'tên trường không hợp lệ');
      findProblem(item, `${path}.${key}`, ancestors, depth + 1);
    }
  }
  ancestors.delete(value);
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const describe = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

const positiveInteger = (value: number | undefined, name: string): number | undefined => {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 1)) {
    throw new RangeError(`${name} must be an integer >= 1 (got ${value})`);
  }
  return value;
};

/** Read options with their defaults made explicit; `fromVersion` stays undefined for "the natural end". */
export const readStreamOptions = (options: ReadStreamOptions = {}) => ({
  direction: options.direction ?? 'forwards',
  fromVersion: positiveInteger(options.fromVersion, 'fromVersion'),
  maxCount: positiveInteger(options.maxCount, 'maxCount'),
});

export const readAllOptions = (options: ReadAllOptions = {}, defaultMaxCount: number) => ({
  after: options.after ?? START,
  maxCount: positiveInteger(options.maxCount, 'maxCount') ?? defaultMaxCount,
  streamPrefixes: options.streamPrefixes?.length ? options.streamPrefixes : undefined,
});

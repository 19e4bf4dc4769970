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
  /** The value exactly as it will be read back (toJSON applied, undefined properties dropped). */
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
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
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
    if (seen.has(key)) throw invalid(`events[${index}].eventId`, `mã sự kiện ${item.eventId} bị lặp trong cùng lần ghi`);
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
  const { eventId, type, data, metadata } = event as Record<string, unknown>;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw invalid(`${path}.eventId`, `mã sự kiện phải là UUID (nhận được ${describe(eventId)})`);
  }
  if (typeof type !== 'string' || type.trim() === '') throw invalid(`${path}.type`, 'thiếu loại sự kiện');
  if (type.startsWith('$')) throw invalid(`${path}.type`, 'loại sự kiện không được bắt đầu bằng "$"');
  if (data === undefined) throw invalid(`${path}.data`, 'thiếu dữ liệu sự kiện');
  if (!isPlainObject(metadata)) throw invalid(`${path}.metadata`, 'thiếu siêu dữ liệu (metadata)');

  const meta = metadata as Record<string, unknown>;
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

  const cleanData = toJsonValue(data, `${path}.data`, new Set());
  const cleanMetadata = toJsonValue(rest, `${path}.metadata`, new Set()) as Record<string, unknown>;
  const dataJson = JSON.stringify(cleanData);
  const metadataJson = JSON.stringify(cleanMetadata);
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > MAX_EVENT_BYTES) {
    throw invalid(path, `sự kiện quá lớn (${bytes} byte, tối đa ${MAX_EVENT_BYTES} byte)`);
  }
  return {
    eventId: eventId.toLowerCase(),
    type,
    schemaVersion,
    data: cleanData,
    dataJson,
    metadata: cleanMetadata,
    metadataJson,
  };
};

/**
 * Copies `value` as the JSON value a reader will get back, refusing anything JSON.stringify would
 * silently change or drop (functions, symbols, BigInt, NaN, Map...) and anything PostgreSQL's jsonb
 * refuses (NUL characters, lone surrogates). Undefined object properties are dropped, as in JSON.
 */
const toJsonValue = (value: unknown, path: string, ancestors: Set<object>): unknown => {
  switch (typeof value) {
    case 'string':
      if (value.includes('\u0000')) throw invalid(path, 'chuỗi chứa ký tự NUL (\\u0000)');
      if (LONE_SURROGATE.test(value)) throw invalid(path, 'chuỗi chứa ký tự Unicode không hợp lệ (surrogate lẻ)');
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw invalid(path, `số không hữu hạn (${value}) không biểu diễn được trong JSON`);
      return value;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw invalid(path, `giá trị kiểu ${typeof value} không tuần tự hoá được sang JSON`);
  }
  if (value === null) return null;
  if (ancestors.has(value)) throw invalid(path, 'dữ liệu có tham chiếu vòng');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toJsonValue(toJSON.call(value), path, ancestors);

  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => toJsonValue(item, `${path}[${i}]`, ancestors));
    if (!isPlainObject(value)) {
      const kind = (value as object).constructor?.name ?? 'không rõ';
      throw invalid(path, `đối tượng kiểu ${kind} không tuần tự hoá được sang JSON`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (LONE_SURROGATE.test(key) || key.includes('\u0000')) throw invalid(`${path}.${key}`, 'tên trường không hợp lệ');
      out[key] = toJsonValue(item, `${path}.${key}`, ancestors);
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
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

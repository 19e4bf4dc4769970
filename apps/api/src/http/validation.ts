import {
  type ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
  type ValidationPipeOptions,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { isPlainData, QuickAcceptance } from './quick-acceptance';

/** A DTO class (class-validator and class-transformer key their metadata by it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cls = abstract new (...args: any[]) => unknown;

// class-transformer keeps its @Type metadata in a storage its package index does not export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage: typeStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: {
    findTypeMetadata(target: Cls, property: string): { typeFunction: () => unknown } | undefined;
  };
};

// class-validator looks up a class's constraints on every object it validates, scanning every registered class
// for ancestors each time (a self-assessment's 19 criteria: 20 scans of a few hundred classes). The answer only
// changes when a decorator registers a constraint, so it is kept per class and arguments until one does.
const memoizeTargetMetadatas = (): void => {
  const storage = getMetadataStorage() as ReturnType<typeof getMetadataStorage> & { ntmMemoized?: boolean };
  if (storage.ntmMemoized) return;
  storage.ntmMemoized = true;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let memo = new Map<unknown, Map<string, ReturnType<typeof lookup>>>();
  storage.addValidationMetadata = (metadata) => {
    memo = new Map();
    add(metadata);
  };
  // Its grouping by property is as stable as the list it groups (and only read, never changed).
  const group = storage.groupByPropertyName.bind(storage);
  const groups = new WeakMap<object, ReturnType<typeof group>>();
  storage.groupByPropertyName = (metadata) => {
    let grouped = groups.get(metadata);
    if (!grouped) groups.set(metadata, (grouped = group(metadata)));
    return grouped;
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groupNames) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${(groupNames ?? []).join('\u0000')}`;
    let byArgs = memo.get(target);
    if (!byArgs) memo.set(target, (byArgs = new Map<string, ReturnType<typeof lookup>>()));
    let found = byArgs.get(key);
    if (!found) byArgs.set(key, (found = lookup(target, schema, always, strictGroups, groupNames)));
    return found;
  };
};
memoizeTargetMetadatas();

/** At most this many violations are listed (and joined into the message); the rest are counted. */
export const MAX_VIOLATIONS = 20;

// class-validator's English messages are never shown: each constraint gets Vietnamese wording, naming the field.
// The one argument a phrase needs (a bound, the allowed values) is taken from the English message, which puts
// it last ("...than or equal to 200 characters", "...values: a, b").
const lastNumber = (english: string): string => english.match(/(-?\d+(?:\.\d+)?)(?!.*\d)/)?.[1] ?? '';
const allowedValues = (english: string): string => english.match(/following values: (.*)$/)?.[1] ?? '';

const PHRASES: Record<string, (english: string) => string> = {
  isDefined: () => 'là bắt buộc',
  isString: () => 'phải là chuỗi ký tự',
  isNotEmpty: () => 'không được để trống',
  isInt: () => 'phải là số nguyên',
  isNumber: () => 'phải là số hữu hạn',
  isBoolean: () => 'phải là true hoặc false',
  isIn: (e) => `phải là một trong các giá trị: ${allowedValues(e)}`,
  isEnum: (e) => `phải là một trong các giá trị: ${allowedValues(e)}`,
  min: (e) => `phải lớn hơn hoặc bằng ${lastNumber(e)}`,
  max: (e) => `phải nhỏ hơn hoặc bằng ${lastNumber(e)}`,
  isUUID: () => 'phải là UUID',
  isISO8601: () => 'phải là ngày giờ ISO 8601',
  isDateString: () => 'phải là ngày giờ ISO 8601',
  isArray: () => 'phải là danh sách',
  arrayNotEmpty: () => 'không được để trống',
  arrayMinSize: (e) => `phải có ít nhất ${lastNumber(e)} phần tử`,
  arrayMaxSize: (e) => `có tối đa ${lastNumber(e)} phần tử`,
  arrayUnique: () => 'không được có phần tử trùng nhau',
  matches: () => 'không đúng định dạng',
  maxLength: (e) => `dài tối đa ${lastNumber(e)} ký tự`,
  minLength: (e) => `dài ít nhất ${lastNumber(e)} ký tự`,
  whitelistValidation: () => 'không phải là trường được phép',
  isObject: () => 'phải là một đối tượng',
  isNotEmptyObject: () => 'phải là một đối tượng có nội dung',
  nestedValidation: () => 'phải là một đối tượng',
  unknownValue: () => 'không hợp lệ',
  yearNotBeforeCriteriaPeriod: () =>
    'không được trước năm đầu của giai đoạn bộ tiêu chí đã chọn (criteriaPeriod)',
};

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

// Pattern checks carry a key as their message, so each can say what it wants.
const PATTERNS: Record<string, string> = {
  sha256: 'phải là mã SHA-256 (64 ký tự hex)',
  instant: 'phải là thời điểm ISO 8601 có múi giờ (ví dụ 2025-06-01T08:00:00+07:00)',
  date: 'phải là ngày dạng YYYY-MM-DD',
  slug: 'phải là mã gồm chữ thường, chữ số và dấu gạch ngang (tối đa 63 ký tự)',
  code: 'phải là mã gồm chữ, chữ số, dấu gạch ngang hoặc gạch dưới (tối đa 20 ký tự)',
  position: 'phải là vị trí do hệ thống trả về (dạng 00000000000000000001-00000000000000000001)',
};

/** Vietnamese wording of one failed constraint; English never leaks, whatever the constraint. */
export const phraseOf = (constraint: string, english: string): string => {
  if (PATTERNS[english]) return PATTERNS[english];
  const phrase = PHRASES[constraint]?.(english) ?? 'không hợp lệ';
  // `{ each: true }` checks speak of the elements of a list.
  return english.startsWith('each value in ') && constraint !== 'nestedValidation'
    ? `có phần tử không hợp lệ: mỗi phần tử ${phrase}`
    : phrase;
};

/**
 * The violations, depth first, stopping after `limit`: a 400 KB body full of mistakes must not become an 80 MB
 * answer. Iterative, so a deep tree of errors cannot overflow the stack either.
 */
export const flattenViolations = (
  errors: readonly ValidationError[],
  limit = MAX_VIOLATIONS,
): { violations: FieldProblem[]; total: number } => {
  const violations: FieldProblem[] = [];
  let total = 0;
  const pending: [ValidationError, string][] = [...errors].reverse().map((e) => [e, '']);
  while (pending.length > 0) {
    const [e, parent] = pending.pop()!;
    const field = parent ? `${parent}.${e.property}` : e.property;
    for (const [constraint, english] of Object.entries(e.constraints ?? {})) {
      total++;
      if (violations.length < limit)
        violations.push({
          field,
          code: `INVALID_${constraint.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
          message: `Trường '${field}' ${phraseOf(constraint, english)}`,
        });
    }
    const children = e.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) pending.push([children[i], field]);
  }
  return { violations, total };
};

export const validationException = (errors: readonly ValidationError[]): BadRequestException => {
  const { violations, total } = flattenViolations(errors);
  const more = total > violations.length ? ` (và ${total - violations.length} lỗi khác)` : '';
  return new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: violations.map((v) => v.message).join('; ') + more,
    violations,
    ...(more ? { totalViolations: total } : {}),
  });
};

interface ArrayPlan {
  readonly bounds: readonly (readonly [string, number])[];
  readonly nested: readonly (readonly [string, () => unknown])[];
}
const plans = new WeakMap<Cls, ArrayPlan>();

/** Per DTO class, once: its lists' ArrayMaxSize bounds and its nested DTO classes. */
const planOf = (cls: Cls): ArrayPlan => {
  let plan = plans.get(cls);
  if (!plan) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    const bounds = metadata
      .filter((m) => m.name === 'arrayMaxSize' && !m.each)
      .map((m) => [m.propertyName, Number(m.constraints[0])] as const);
    const properties = [...new Set(metadata.map((m) => m.propertyName))];
    const nested = properties.flatMap((p) => {
      const type = typeStorage.findTypeMetadata(cls, p);
      return type ? [[p, type.typeFunction] as const] : [];
    });
    plan = { bounds, nested };
    plans.set(cls, plan);
  }
  return plan;
};

const tooLong = (field: string, max: number): BadRequestException => {
  const violation = {
    field,
    code: 'INVALID_ARRAY_MAX_SIZE',
    message: `Trường '${field}' ${PHRASES.arrayMaxSize(String(max))}`,
  };
  return new BadRequestException({
    code: 'VALIDATION_FAILED',
    message: violation.message,
    violations: [violation],
  });
};

/**
 * Refuses a list longer than its DTO allows before class-transformer copies it and class-validator walks it
 * (both cost about a millisecond per element on a busy machine): the bound is read from the DTO's own
 * ArrayMaxSize, so the answer is the one validation would give, only without the work.
 */
export const checkArrayBounds = (cls: Cls, value: unknown, path = '', depth = 0): void => {
  if (depth > 16 || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const plan = planOf(cls);
  const record = value as Record<string, unknown>;
  for (const [property, max] of plan.bounds) {
    const v = record[property];
    if (Array.isArray(v) && v.length > max) throw tooLong(path + property, max);
  }
  for (const [property, typeFunction] of plan.nested) {
    const v = record[property];
    const type = typeFunction();
    if (typeof type !== 'function' || [String, Number, Boolean, Date].includes(type as never)) continue;
    if (Array.isArray(v))
      v.forEach((item, i) => checkArrayBounds(type as Cls, item, `${path}${property}.${i}.`, depth + 1));
    else checkArrayBounds(type as Cls, v, `${path}${property}.`, depth + 1);
  }
};

/** The options QuickAcceptance mirrors; any other would make its yes wrong, so the pipe refuses to start. */
const MIRRORED_OPTIONS = [
  'whitelist',
  'forbidNonWhitelisted',
  'forbidUnknownValues',
  'stopAtFirstError',
  'validationError',
];

class BoundedValidationPipe extends ValidationPipe {
  private readonly quick: QuickAcceptance;

  constructor(options: ValidationPipeOptions) {
    super(options);
    const unmirrored = Object.keys(this.validatorOptions).filter((o) => !MIRRORED_OPTIONS.includes(o));
    if (
      !this.validatorOptions.whitelist ||
      !this.validatorOptions.forbidNonWhitelisted ||
      unmirrored.length > 0
    )
      throw new Error(
        `QuickAcceptance mirrors whitelist with forbidNonWhitelisted and no other options (given also: ${unmirrored.join(', ') || 'none'})`,
      );
    this.quick = new QuickAcceptance(this.validatorOptions.forbidUnknownValues !== false);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && metadata.type !== 'custom') checkArrayBounds(metadata.metatype as Cls, value);
    // A JSON object that passes every check is the instance class-transformer builds from it; the full way (with
    // its guards for other kinds of values, and the errors that are answered) is for everything else.
    if (
      this.isTransformEnabled &&
      !this.expectedType &&
      this.toValidate(metadata) &&
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      isPlainData(value)
    ) {
      const metatype = metadata.metatype as new () => object;
      const entity: unknown = plainToInstance(metatype, value, this.transformOptions);
      if (entity instanceof Object && entity.constructor === metatype && this.quick.accepts(entity) === true)
        return entity;
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = () =>
  new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One failed constraint per field, and a list that is too long (ArrayMaxSize) is not walked element by
    // element: the cost of refusing a body stays bounded by its shape checks, not by its size.
    stopAtFirstError: true,
    // Values are never echoed back (they may be huge or personal).
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationException(errors),
  });

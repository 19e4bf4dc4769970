import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

// Vietnamese wording for the class-validator constraints we use; the field is always named.
const PHRASES: Record<string, (args: string) => string> = {
  isString: () => 'phải là chuỗi ký tự',
  isNotEmpty: () => 'không được để trống',
  isInt: () => 'phải là số nguyên',
  isNumber: () => 'phải là số',
  isBoolean: () => 'phải là true hoặc false',
  isIn: (allowed) => `phải là một trong các giá trị: ${allowed}`,
  isEnum: (allowed) => `phải là một trong các giá trị: ${allowed}`,
  min: (n) => `phải lớn hơn hoặc bằng ${n}`,
  max: (n) => `phải nhỏ hơn hoặc bằng ${n}`,
  isUUID: () => 'phải là UUID',
  isISO8601: () => 'phải là ngày giờ ISO 8601',
  isDateString: () => 'phải là ngày giờ ISO 8601',
  isArray: () => 'phải là danh sách',
  arrayNotEmpty: () => 'không được để trống',
  arrayMinSize: (n) => `phải có ít nhất ${n} phần tử`,
  matches: () => 'không đúng định dạng',
  maxLength: (n) => `dài tối đa ${n} ký tự`,
  whitelistValidation: () => 'không phải là trường được phép',
  isObject: () => 'phải là đối tượng',
  nestedValidation: () => 'không hợp lệ',
};

interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

// Pattern checks carry a key as their message, so each can say what it wants.
const PATTERNS: Record<string, string> = {
  sha256: 'phải là mã SHA-256 (64 ký tự hex)',
  instant: 'phải là thời điểm ISO 8601 có múi giờ (ví dụ 2025-06-01T08:00:00+07:00)',
  date: 'phải là ngày dạng YYYY-MM-DD',
};

const flatten = (errors: ValidationError[], parent = ''): FieldProblem[] =>
  errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, english]) => {
      const arg = english.match(/(?:values?|than|to|size is|than or equal to|of) ([^ ].*)$/)?.[1] ?? '';
      const phrase =
        (constraint === 'matches' && PATTERNS[english]) || PHRASES[constraint]?.(arg) || 'không hợp lệ';
      return {
        field,
        code: `INVALID_${constraint.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`,
        message: `Trường '${field}' ${phrase}`,
      };
    });
    return [...own, ...flatten(e.children ?? [], field)];
  });

export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const violations = flatten(errors);
      return new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: violations.map((v) => v.message).join('; '),
        violations,
      });
    },
  });

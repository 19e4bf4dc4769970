import { applyDecorators, Param, ParseUUIDPipe } from '@nestjs/common';
import { invalid } from '@ntm/decider';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// Field decorators that carry their limit twice, once for class-validator and once for the OpenAPI document,
// so no input goes without a documented bound. The checks are applied in the order listed: with the pipe's
// stopAtFirstError, the first that fails is the one reported (a number sent for a text says "phải là chuỗi").

/** Usual bounds, so that the same kind of field has the same limit everywhere. */
export const LIMITS = {
  /** Names of people, units, places. */
  name: 200,
  /** Administrative or award codes, user ids. */
  code: 64,
  /** A decision number such as 1234/QĐ-UBND. */
  decisionNumber: 100,
  /** A reason, a note, a finding. */
  note: 2000,
  /** Longer free text (a comment during the posting, the changes of a resubmission). */
  text: 10000,
  /** Items of a short list (posting places, reasons, present members). */
  shortList: 100,
  /** Cited documents. */
  documents: 200,
} as const;

type Api = ApiPropertyOptions;
const doc = (optional: boolean, options: Api) =>
  optional ? ApiPropertyOptional(options) : ApiProperty(options);

const trimmed = (value: unknown, blank: '' | undefined): unknown => {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  return t === '' ? blank : t;
};

/**
 * Free text as it will be recorded: without surrounding blanks. A blank required text becomes '' (refused as
 * empty), a blank optional one is absent. Before validation, so the bounds apply to what is kept.
 */
export const Trim = (optional = false) =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => trimmed(v, '')) : trimmed(value, optional ? undefined : ''),
  );

const text = (optional: boolean, max: number, api: Api) =>
  applyDecorators(
    doc(optional, { type: String, maxLength: max, ...(optional ? {} : { minLength: 1 }), ...api }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    ...(optional ? [] : [IsNotEmpty()]),
    MaxLength(max),
  );

/** A required, non-empty string of at most `max` characters. */
export const Text = (max: number, api: Api = {}) => text(false, max, api);
/** An optional string of at most `max` characters. */
export const OptionalText = (max: number, api: Api = {}) => text(true, max, api);

const textList = (optional: boolean, maxItems: number, maxLength: number, minItems: number, api: Api) =>
  applyDecorators(
    doc(optional, {
      type: String,
      isArray: true,
      maxItems,
      ...(minItems ? { minItems } : {}),
      description: `Tối đa ${maxItems} mục, mỗi mục tối đa ${maxLength} ký tự`,
      ...api,
    }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ...(minItems ? [ArrayMinSize(minItems)] : []),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(maxLength, { each: true }),
  );

/** A list of at most `maxItems` non-empty strings of at most `maxLength` characters each. */
export const TextList = (maxItems: number, maxLength: number, options: { min?: number } & Api = {}) => {
  const { min = 0, ...api } = options;
  return textList(false, maxItems, maxLength, min, api);
};
export const OptionalTextList = (maxItems: number, maxLength: number, api: Api = {}) =>
  textList(true, maxItems, maxLength, 0, api);

const patternList = (optional: boolean, maxItems: number, pattern: RegExp, key: string, api: Api) =>
  applyDecorators(
    doc(optional, { type: String, isArray: true, maxItems, ...api }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    Matches(pattern, { each: true, message: key }),
  );

/** A list of at most `maxItems` strings matching `pattern` (`key` names the pattern's Vietnamese message). */
export const PatternList = (maxItems: number, pattern: RegExp, key: string, api: Api = {}) =>
  patternList(false, maxItems, pattern, key, api);
export const OptionalPatternList = (maxItems: number, pattern: RegExp, key: string, api: Api = {}) =>
  patternList(true, maxItems, pattern, key, api);

/** A required nested object: missing, null, a string or an array is refused naming the field. */
export const Nested = (cls: () => new () => object, api: Api = {}) =>
  applyDecorators(ApiProperty({ type: cls(), ...api }), IsDefined(), IsObject(), ValidateNested(), Type(cls));

export const OptionalNested = (cls: () => new () => object, api: Api = {}) =>
  applyDecorators(
    ApiPropertyOptional({ type: cls(), ...api }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(cls),
  );

const nestedList = (
  optional: boolean,
  cls: () => new () => object,
  maxItems: number,
  minItems: number,
  api: Api,
) =>
  applyDecorators(
    doc(optional, { type: cls(), isArray: true, maxItems, ...(minItems ? { minItems } : {}), ...api }),
    ...(optional ? [IsOptional()] : []),
    IsArray(),
    ...(minItems ? [ArrayMinSize(minItems)] : []),
    ArrayMaxSize(maxItems),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(cls),
  );

/** A list of at most `maxItems` objects, each validated as `cls`. */
export const NestedList = (
  cls: () => new () => object,
  maxItems: number,
  options: { min?: number } & Api = {},
) => {
  const { min = 0, ...api } = options;
  return nestedList(false, cls, maxItems, min, api);
};
export const OptionalNestedList = (cls: () => new () => object, maxItems: number, api: Api = {}) =>
  nestedList(true, cls, maxItems, 0, api);

const int = (optional: boolean, min: number, max: number, api: Api) =>
  applyDecorators(
    doc(optional, { type: 'integer', minimum: min, maximum: max, ...api }),
    ...(optional ? [IsOptional()] : []),
    IsInt(),
    Min(min),
    Max(max),
  );

/** An integer in [min, max]. */
export const Int = (min: number, max: number, api: Api = {}) => int(false, min, max, api);
export const OptionalInt = (min: number, max: number, api: Api = {}) => int(true, min, max, api);

/** A finite number in [min, max]. */
export const Num = (min: number, max: number, api: Api = {}) =>
  applyDecorators(
    ApiProperty({ type: Number, minimum: min, maximum: max, ...api }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(min),
    Max(max),
  );

/** An event-store position as commands answer it (two 20-digit numbers): anything else is refused at once. */
export const POSITION = /^\d{20}-\d{20}$/;

/** `?minPosition=`: wait for the read side to reach a position a command answered. */
export const MinPosition = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: String,
      pattern: POSITION.source,
      maxLength: 41,
      description:
        'Chờ dữ liệu cập nhật tới vị trí này (position do lệnh vừa gửi trả về), tối đa 5 giây; sai định dạng thì trả 400',
    }),
    IsOptional(),
    IsString(),
    Matches(POSITION, { message: 'position' }),
  );

/** A read of one's own write: waits for the read side to reach a command's position. */
export class MinPositionQueryDto {
  @MinPosition() minPosition?: string;
}

const IDENTIFIER = /^[0-9A-Za-z][0-9A-Za-z_.:-]{0,199}$/;

/**
 * A path segment that names something (a slug, a UUID, `commune:01843`): at most 200 letters, digits and
 * `_ . : -`. Anything else is refused with 400 before it reaches a stream name or a query.
 */
export const IdParam = (name: string) =>
  Param(name, {
    transform: (value: unknown) => {
      if (typeof value !== 'string' || !IDENTIFIER.test(value))
        throw invalid(
          'INVALID_PATH_PARAMETER',
          `Tham số đường dẫn '${name}' không hợp lệ: tối đa 200 ký tự gồm chữ, chữ số và dấu _ . : -`,
          name,
        );
      return value;
    },
  });

/** A province's code in a body or query: two digits (01-96 as the register numbers them). */
export const ProvinceCode = () =>
  applyDecorators(
    ApiProperty({ example: '06', pattern: '^\\d{2}$' }),
    IsString(),
    Matches(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số' }),
  );

/** A province's code in the path: two digits (01-96 as the register numbers them). */
export const ProvinceCodeParam = () =>
  Param('provinceCode', {
    transform: (value: unknown) => {
      if (typeof value !== 'string' || !/^\d{2}$/.test(value))
        throw invalid('INVALID_FIELD', "Trường 'provinceCode' phải là mã tỉnh 2 chữ số", 'provinceCode');
      return value;
    },
  });

/** A commune's code in the path: digits only (five as the register numbers them; older codes may differ). */
export const CommuneCodeParam = () =>
  Param('communeCode', {
    transform: (value: unknown) => {
      if (typeof value !== 'string' || !/^\d{1,10}$/.test(value))
        throw invalid('INVALID_FIELD', "Trường 'communeCode' phải là mã xã (chữ số)", 'communeCode');
      return value;
    },
  });

/** A path segment that must be a UUID (a dossier, a nomination). */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      version: undefined,
      exceptionFactory: () =>
        invalid('INVALID_PATH_PARAMETER', `Tham số đường dẫn '${name}' phải là UUID`, name),
    }),
  );

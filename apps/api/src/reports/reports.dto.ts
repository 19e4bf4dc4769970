import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { LEVELS, PERIODS, periodYears, type Period } from '@ntm/criteria';
import { MAINTENANCE_STANDINGS, STEP_IDS } from '@ntm/recognition';
import {
  LIMITS,
  MinPosition,
  NestedList,
  OptionalNested,
  OptionalNestedList,
  OptionalPatternList,
  OptionalText,
  Text,
} from '../http/constraints';
import {
  MAX_CHANGES,
  MAX_FILE_COMMUNES,
  MAX_FILE_DISTRICTS,
  UNIT_CHANGE_TYPES,
  UNIT_KINDS,
} from '@ntm/units';

const Code = () => applyDecorators(IsString(), Matches(/^[0-9A-Za-z_-]{1,20}$/, { message: 'code' }));
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export const STATUSES = [
  'preparing',
  'in-review',
  'returned',
  'recognised',
  'refused',
  'withdrawn',
  'revoked',
  'not-eligible',
] as const;

export class ScopeQueryDto {
  @ApiPropertyOptional({ example: '06', description: 'Mã tỉnh' }) @IsOptional() @Code() province?: string;
  @ApiPropertyOptional({ example: '058', description: 'Mã huyện' }) @IsOptional() @Code() district?: string;
  @ApiPropertyOptional({ example: '01843', description: 'Mã xã' }) @IsOptional() @Code() commune?: string;
  @MinPosition() minPosition?: string;
}

/**
 * A dossier's year is not before its criteria period (none is judged under a set before the set's first year);
 * it may be after it: a 2021-2025 dossier opened on 10/02/2026 is of 2026.
 */
const YearNotBeforeCriteriaPeriod = () =>
  ValidateBy({
    name: 'yearNotBeforeCriteriaPeriod',
    validator: {
      validate: (year: unknown, args) => {
        const period = (args?.object as { criteriaPeriod?: unknown } | undefined)?.criteriaPeriod;
        if (typeof period !== 'string' || typeof year !== 'number') return true;
        return year >= periodYears(period as Period).from;
      },
    },
  });

export class ReportQueryDto extends ScopeQueryDto {
  @ApiPropertyOptional({
    enum: PERIODS,
    description:
      'Giai đoạn bộ tiêu chí: giai đoạn của bộ tiêu chí mà hồ sơ được xét theo, ghi nhận khi lập hồ sơ (không suy ra từ năm: ' +
      'hồ sơ giai đoạn 2021-2025 lập ngày 10/02/2026 là hồ sơ năm 2026). Tiến độ kế hoạch: các chỉ tiêu của những năm tính ' +
      'kết quả công nhận theo giai đoạn này',
  })
  @IsOptional()
  @IsIn(PERIODS)
  criteriaPeriod?: string;
  @ApiPropertyOptional({ example: 2025, description: 'Năm xét của hồ sơ (quyết định: năm của quyết định)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  @YearNotBeforeCriteriaPeriod()
  year?: number;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: string;
}

export class StandingsQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({
    example: 15,
    minimum: 1,
    maximum: 50,
    description:
      'Chỉ các xã đã đánh giá đạt ít hơn số tiêu chí này (ví dụ 15: chỉ tiêu "không còn xã dưới 15 tiêu chí")',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  belowCriteria?: number;
  @ApiPropertyOptional({
    type: String,
    example: 'near-threshold,revocation-due',
    description:
      'Chỉ các xã có kết quả rà soát duy trì tiêu chí hằng năm gần nhất thuộc các mức này (phân cách bằng dấu phẩy): ' +
      MAINTENANCE_STANDINGS.join(', '),
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.slice(0, 100).split(',') : value,
  )
  @ArrayMaxSize(MAINTENANCE_STANDINGS.length)
  @IsIn(MAINTENANCE_STANDINGS, { each: true })
  reviewStandings?: string[];
}

export class BoardQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: STEP_IDS }) @IsOptional() @IsIn(STEP_IDS) step?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ description: 'true: chỉ hồ sơ đang quá hạn; false: chỉ hồ sơ chưa quá hạn' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 100_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  pageSize?: number;
}

export class UnitDto {
  @ApiProperty({ example: '058' }) @Code() code: string;
  @Text(LIMITS.name, { example: 'Thành phố Bắc Kạn' }) name: string;
}

export class CommuneUnitDto extends UnitDto {
  @ApiPropertyOptional({ example: '058', description: 'Bỏ trống sau khi bỏ cấp huyện (chính quyền hai cấp)' })
  @IsOptional()
  @Code()
  districtCode?: string;
}

/**
 * The province's list file, as documented: the route reads the file's text itself with the register's reader
 * (@ntm/units), so each problem names its line; the bounds are the reader's.
 */
export class RegisterUnitsDto {
  @Text(LIMITS.name, { example: 'Tỉnh Bắc Kạn' }) name: string;
  @OptionalNestedList(() => UnitDto, MAX_FILE_DISTRICTS, {
    description: 'Các huyện (trước 01/07/2025); bỏ trống hoặc bỏ hẳn khi không còn cấp huyện',
  })
  districts?: UnitDto[];
  @NestedList(() => CommuneUnitDto, MAX_FILE_COMMUNES) communes: CommuneUnitDto[];
}

export class PlanTargetDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ enum: LEVELS, description: 'Một mức mà giai đoạn của năm có (hiện đại: từ 2026)' })
  @IsIn(LEVELS)
  level: string;
  @ApiProperty({ example: 60, description: 'Số xã đạt chuẩn mức này trở lên' })
  @IsInt()
  @Min(0)
  @Max(100000)
  target: number;
  @ApiPropertyOptional({ example: '058', description: 'Bỏ trống: chỉ tiêu toàn tỉnh' })
  @IsOptional()
  @Code()
  districtCode?: string;
}

export class PlanDto {
  @Text(500, { example: 'Kế hoạch xây dựng nông thôn mới giai đoạn 2021-2025' }) title: string;
  @OptionalText(LIMITS.name, { example: 'Kế hoạch 2017/KH-UBND' }) reference?: string;
  @NestedList(() => PlanTargetDto, 1000) targets: PlanTargetDto[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UNIT_CODE = /^[0-9A-Za-z-]{1,20}$/;

export class LegalBasisDto {
  @Text(100, { example: '1683/NQ-UBTVQH15' }) number: string;
  @ApiProperty({ example: '2025-06-16' }) @Matches(DATE, { message: 'date' }) issuedOn: string;
  @OptionalText(500, { description: 'Ghi chú khi chưa đối chiếu được với văn bản chính thức (UNVERIFIED)' })
  unverified?: string;
}

/** One change of the register; which fields it needs depends on its type (the register's decider checks them). */
export class UnitChangeDto {
  @ApiProperty({ enum: UNIT_CHANGE_TYPES }) @IsIn(UNIT_CHANGE_TYPES) type: string;
  @ApiPropertyOptional({ enum: UNIT_KINDS }) @IsOptional() @IsIn(UNIT_KINDS) kind?: string;
  @ApiPropertyOptional({ example: '05806' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'code' })
  code?: string;
  @OptionalText(200, { example: 'Xã Tân Cương' }) name?: string;
  @ApiPropertyOptional({ example: '19' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'code' })
  provinceCode?: string;
  @ApiPropertyOptional({ description: 'Huyện của xã (trước 01/07/2025) hoặc xã của thôn' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'code' })
  parentCode?: string;
  @OptionalPatternList(50, UNIT_CODE, 'code', { description: 'Các đơn vị được sắp xếp (MergeUnits)' })
  predecessorCodes?: string[];
  @ApiPropertyOptional({ example: '05806' })
  @IsOptional()
  @Matches(UNIT_CODE, { message: 'code' })
  successorCode?: string;
  @OptionalText(200, { example: 'Xã Tân Cương' }) successorName?: string;
  @ApiPropertyOptional({ example: '2025-07-01' })
  @IsOptional()
  @Matches(DATE, { message: 'date' })
  effectiveOn?: string;
  @OptionalNested(() => LegalBasisDto) basis?: LegalBasisDto;
}

export class UnitChangesDto {
  @NestedList(() => UnitChangeDto, MAX_CHANGES, { min: 1 }) changes: UnitChangeDto[];
}

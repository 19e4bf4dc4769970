import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEVELS, LEVELS_2021 } from '@ntm/criteria';
import { STEP_IDS } from '@ntm/recognition';

const Code = () => Matches(/^[0-9A-Za-z_-]{1,20}$/);
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export const STATUSES = [
  'preparing',
  'in-review',
  'returned',
  'recognised',
  'refused',
  'withdrawn',
  'revoked',
] as const;

export class ScopeQueryDto {
  @ApiPropertyOptional({ example: '06', description: 'Mã tỉnh' }) @IsOptional() @Code() province?: string;
  @ApiPropertyOptional({ example: '058', description: 'Mã huyện' }) @IsOptional() @Code() district?: string;
  @ApiPropertyOptional({ example: '01843', description: 'Mã xã' }) @IsOptional() @Code() commune?: string;
  @ApiPropertyOptional({
    description: 'Chờ dữ liệu báo cáo cập nhật tới vị trí này (trả về từ lệnh đã gửi), tối đa 5 giây',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  minPosition?: string;
}

export class ReportQueryDto extends ScopeQueryDto {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: string;
}

export class BoardQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ enum: STEP_IDS }) @IsOptional() @IsIn(STEP_IDS) step?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ description: 'true: chỉ hồ sơ đang quá hạn; false: chỉ hồ sơ chưa quá hạn' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page?: number;
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
  @ApiProperty({ example: 'Thành phố Bắc Kạn' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

export class CommuneUnitDto extends UnitDto {
  @ApiPropertyOptional({ example: '058', description: 'Bỏ trống sau khi bỏ cấp huyện (chính quyền hai cấp)' })
  @IsOptional()
  @Code()
  districtCode?: string;
}

export class RegisterUnitsDto {
  @ApiProperty({ example: 'Tỉnh Bắc Kạn' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ type: [UnitDto] })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => UnitDto)
  districts: UnitDto[];
  @ApiProperty({ type: [CommuneUnitDto] })
  @IsArray()
  @ArrayMaxSize(20000)
  @ValidateNested({ each: true })
  @Type(() => CommuneUnitDto)
  communes: CommuneUnitDto[];
}

export class PlanTargetDto {
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2000) @Max(2100) year: number;
  // The plan table holds the 2021-2025 levels only (its CHECK constraint); hiện đại targets are not modelled yet.
  @ApiProperty({ enum: LEVELS_2021 }) @IsIn(LEVELS_2021) level: string;
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
  @ApiProperty({ example: 'Kế hoạch xây dựng nông thôn mới giai đoạn 2021-2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title: string;
  @ApiPropertyOptional({ example: 'Kế hoạch 2017/KH-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
  @ApiProperty({ type: [PlanTargetDto] })
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => PlanTargetDto)
  targets: PlanTargetDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { COMMUNE_GROUPS, LEVELS, PILOT_LEVELS } from '@ntm/criteria';
import type { DataOf, IndicatorReport } from '@ntm/recognition';
import { ProvinceCode, Text, TextList } from '../http/constraints';
import { OpenDossierDto } from './dossier.dto';

// Bodies of the 2026-2030 routes (Decision 51/2025/QĐ-TTg). Shape only; the rules live in the deciders.

const SHA256 = /^[0-9a-f]{64}$/;
const Sha256List = () => Matches(SHA256, { each: true, message: 'sha256' });

export class OpenDossierUnderSetDto extends OpenDossierDto {
  @ApiPropertyOptional({
    description:
      'Mã bộ tiêu chí (giai đoạn 2026-2030); bỏ trống để dùng bộ tiêu chí của tỉnh, nếu không có thì bộ tiêu chí quốc gia',
    example: 'qd51-2025-xa-ntm',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80, { message: 'Mã bộ tiêu chí dài tối đa 80 ký tự' })
  criteriaSetId?: string;
}

export class IndicatorReportDto implements IndicatorReport {
  @ApiProperty({ example: '2.1' })
  @IsString()
  @MaxLength(20, { message: 'Mã chỉ tiêu dài tối đa 20 ký tự' })
  code: string;
  @ApiProperty({
    description: 'Giá trị đo được (số), hoặc true/false với chỉ tiêu đạt/không đạt',
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
    example: 92.5,
  })
  @IsDefined()
  value: number | boolean;
  @ApiProperty({ type: [String], description: 'SHA-256 của tài liệu minh chứng' })
  @IsArray()
  @ArrayMaxSize(50, { message: 'Mỗi chỉ tiêu có tối đa 50 tài liệu minh chứng' })
  @Sha256List()
  evidence: string[];
}

export class IndicatorAssessmentDto implements DataOf<'RecordIndicatorAssessment'> {
  @ApiProperty({ type: [IndicatorReportDto] })
  @IsArray()
  @ArrayMaxSize(200, { message: 'Tối đa 200 chỉ tiêu' })
  @ValidateNested({ each: true })
  @Type(() => IndicatorReportDto)
  indicators: IndicatorReportDto[];
  @ApiPropertyOptional({ description: 'SHA-256 của báo cáo tự đánh giá' })
  @IsOptional()
  @Matches(SHA256, { message: 'sha256' })
  report?: string;
}

/** What every act of the province on a commune's record carries: the province, and the text it rests on. */
class ProvinceActDto {
  @ProvinceCode() provinceCode: string;
  @ApiProperty({ example: 'Quyết định 245/QĐ-UBND ngày 20/02/2026 của UBND tỉnh' })
  @IsString()
  @MaxLength(500, { message: 'Căn cứ dài tối đa 500 ký tự' })
  basis: string;
  @ApiProperty({ example: '2026-02-20' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  decidedOn: string;
}

export class CommunePilotDto extends ProvinceActDto {
  @ApiProperty({ enum: PILOT_LEVELS, example: 'hien-dai' }) @IsIn(PILOT_LEVELS) level: string;
  @ApiProperty({ description: 'true: chọn xã thí điểm; false: đưa xã ra khỏi danh sách thí điểm' })
  @IsBoolean()
  designated: boolean;
}

export class CommuneGroupDto extends ProvinceActDto {
  @ApiProperty({ enum: COMMUNE_GROUPS }) @IsIn(COMMUNE_GROUPS) group: string;
}

/** Thừa nhận: the province acknowledges the level of a commune formed by the 2025 rearrangement. */
export class AcknowledgeStatusDto {
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level: string;
  @TextList(20, 2000, {
    min: 1,
    description: 'Lý do thừa nhận (tình trạng các xã trước sắp xếp, kết quả duy trì tiêu chí)',
  })
  reasons: string[];
  @Text(100, { example: '250/QĐ-UBND' }) decisionNumber: string;
  @ApiProperty({ example: '2026-03-10' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' })
  decidedOn: string;
}

/** Whose opening options: the commune as the open body names it (a two-tier commune has no district). */
export class OpenableQueryDto {
  @ProvinceCode() provinceCode: string;
  @ApiPropertyOptional({ example: '061', description: 'Mã huyện (chỉ hồ sơ theo quy trình có cấp huyện)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,10}$/, { message: 'Mã huyện gồm chữ số' })
  districtCode?: string;
  @ApiPropertyOptional({ example: 'xã Dương Quang', description: 'Tên xã (khi danh mục đơn vị chưa có xã)' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Tên xã dài tối đa 200 ký tự' })
  name?: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEVELS, type Level } from '@ntm/criteria';
import { PROCEDURE_VERSIONS } from '@ntm/recognition';

// Request bodies of the dossier commands. They check shape only; the procedure's rules live in the decider.

const SHA256 = /^[0-9a-f]{64}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const Sha256 = () => Matches(SHA256, { message: 'sha256' });
// An instant must carry its UTC offset, or its Vietnamese local day would depend on the server's zone.
const IsInstant = () =>
  applyDecorators(IsISO8601({ strict: true }), Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'instant' }));
const Sha256List = () => Matches(SHA256, { each: true, message: 'sha256' });

export class CommuneRefDto {
  @ApiProperty({ example: '06' }) @IsString() @IsNotEmpty() provinceCode: string;
  @ApiPropertyOptional({ example: '058' }) @IsOptional() @IsString() @IsNotEmpty() districtCode?: string;
  @ApiProperty({ example: '01843' }) @IsString() @IsNotEmpty() communeCode: string;
  @ApiProperty({ example: 'xã Nông Thượng' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
}

export class OpenDossierDto {
  @ApiPropertyOptional({ description: 'Mã hồ sơ (UUID); bỏ trống để hệ thống tạo' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;
  @ApiProperty({ type: CommuneRefDto }) @ValidateNested() @Type(() => CommuneRefDto) commune: CommuneRefDto;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level: Level;
  @ApiProperty({ enum: PROCEDURE_VERSIONS, example: '2021-2025' })
  @IsIn(PROCEDURE_VERSIONS)
  procedureVersion: string;
  @ApiProperty({ example: 2025 }) @IsInt() @Min(2021) @Max(2100) year: number;
}

export class CriterionAssessmentDto {
  @ApiProperty({ example: 17 }) @IsInt() @Min(1) @Max(19) criterion: number;
  @ApiProperty() @IsBoolean() met: boolean;
  @ApiProperty({ example: '52,3 triệu đồng/người/năm' }) @IsString() @MaxLength(2000) value: string;
  @ApiProperty({ type: [String], description: 'SHA-256 của tài liệu minh chứng' })
  @IsArray()
  @Sha256List()
  evidence: string[];
}

export class KieuMauDeclarationDto {
  @ApiProperty({ example: 72.5 }) @IsNumber() @Min(0) incomePerCapita: number;
  @ApiProperty({ example: 62 }) @IsNumber() @Min(0) provinceNangCaoAverageIncome: number;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) smartVillages: string[];
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) outstandingFields: string[];
  @ApiProperty({ type: [String] }) @IsArray() @Sha256List() evidence: string[];
}

export class SelfAssessmentDto {
  @ApiProperty({ type: [CriterionAssessmentDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionAssessmentDto)
  criteria: CriterionAssessmentDto[];
  @ApiPropertyOptional({ type: KieuMauDeclarationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => KieuMauDeclarationDto)
  kieuMau?: KieuMauDeclarationDto;
  @ApiPropertyOptional() @IsOptional() @Sha256() report?: string;
}

export class PublicPostingDto {
  @ApiProperty({ type: [String], example: ['Trụ sở UBND xã', 'Nhà văn hóa các thôn', 'Đài truyền thanh xã'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  where: string[];
  @ApiProperty() @IsInstant() from: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() until?: string;
}

export class PublicCommentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) author?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(10000) content: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() receivedAt?: string;
}

export class SurveyQuestionResultDto {
  @ApiProperty() @IsString() @IsNotEmpty() question: string;
  @ApiProperty() @IsInt() @Min(0) satisfied: number;
  @ApiProperty() @IsInt() @Min(0) answered: number;
}

export class SurveyResultDto {
  @ApiProperty({ example: 1250 }) @IsInt() @Min(1) households: number;
  @ApiProperty({ example: 1100 }) @IsInt() @Min(0) formsCollected: number;
  @ApiProperty({ example: 1045 }) @IsInt() @Min(0) satisfied: number;
  @ApiPropertyOptional({ type: [SurveyQuestionResultDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => SurveyQuestionResultDto)
  perQuestion?: SurveyQuestionResultDto[];
  @ApiPropertyOptional() @IsOptional() @Sha256() report?: string;
}

export class CommuneMeetingDto {
  @ApiProperty({ example: 37 }) @IsInt() @Min(1) attendees: number;
  @ApiProperty({ example: 37 }) @IsInt() @Min(0) votesFor: number;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) votesAgainst: number;
  @ApiProperty({ description: 'SHA-256 của biên bản họp' }) @Sha256() minutes: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() heldAt?: string;
}

export class SubmissionDto {
  @ApiProperty({ description: 'Còn nợ đọng xây dựng cơ bản' }) @IsBoolean() constructionDebt: boolean;
  @ApiProperty({ description: 'Xã phức tạp về an ninh, trật tự' }) @IsBoolean() securityComplicated: boolean;
  @ApiProperty({ type: [String] }) @IsArray() @Sha256List() evidence: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @Sha256List() documents?: string[];
}

export class ResubmissionDto extends SubmissionDto {
  @ApiProperty({ example: 'Bổ sung minh chứng tiêu chí 17' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  changes: string;
}

export class CriterionFindingDto {
  @ApiProperty() @IsInt() @Min(1) @Max(19) criterion: number;
  @ApiProperty() @IsBoolean() met: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class VerificationDto {
  @ApiProperty({ type: [CriterionFindingDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionFindingDto)
  findings: CriterionFindingDto[];
  @ApiPropertyOptional() @IsOptional() @Sha256() report?: string;
}

export class ReturnReasonDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(19) criterion?: number;
  @ApiPropertyOptional({ example: 'Biên bản họp' }) @IsOptional() @IsString() document?: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) text: string;
}

export class ReturnDto {
  @ApiProperty({ type: [ReturnReasonDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReturnReasonDto)
  reasons: ReturnReasonDto[];
}

export class AppraisalPostingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @ApiProperty() @IsInstant() from: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() until?: string;
}

export class CouncilVoteDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) vote: 'approve' | 'reject';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CouncilCountsDto {
  @ApiProperty() @IsInt() @Min(1) members: number;
  @ApiProperty() @IsInt() @Min(0) present: number;
  @ApiProperty() @IsInt() @Min(0) for: number;
  @ApiProperty() @IsInt() @Min(0) against: number;
}

export class AppraisalConclusionDto {
  @ApiProperty({ type: CouncilCountsDto })
  @ValidateNested()
  @Type(() => CouncilCountsDto)
  counts: CouncilCountsDto;
  @ApiPropertyOptional({ type: [CriterionFindingDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionFindingDto)
  findings?: CriterionFindingDto[];
  @ApiPropertyOptional() @IsOptional() @Sha256() minutes?: string;
}

export class DecisionDto {
  @ApiProperty({ example: '1234/QĐ-UBND' }) @IsString() @IsNotEmpty() @MaxLength(100) decisionNumber: string;
  @ApiProperty({ example: '2025-12-15' }) @Matches(LOCAL_DATE, { message: 'date' }) decidedOn: string;
}

export class RefusalDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) decisionNumber?: string;
  @ApiProperty({ example: '2025-12-15' }) @Matches(LOCAL_DATE, { message: 'date' }) decidedOn: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  reasons?: string[];
}

export class AnnouncementDto {
  @ApiProperty({ example: '2025-12-20' }) @Matches(LOCAL_DATE, { message: 'date' }) announcedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) where?: string;
}

export class WithdrawalDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class RevocationProposalDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) reason: string;
}

export class RevocationAssessmentDto {
  @ApiProperty({ type: [CriterionFindingDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionFindingDto)
  results: CriterionFindingDto[];
  @ApiPropertyOptional() @IsOptional() @Sha256() report?: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Trạng thái hồ sơ tại thời điểm này (ISO 8601)' })
  @IsOptional()
  @IsISO8601()
  asOf?: string;
}

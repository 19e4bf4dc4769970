import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, instanceToPlain } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ROLES, type Role } from '@ntm/decider';
import {
  ACHIEVEMENT_KINDS,
  AWARD_LEVELS,
  BALLOTS,
  NOMINEE_KINDS,
  type AchievementKind,
  type AwardLevel,
  type Ballot,
  type EligibilityRule,
  type Nominee,
  type NomineeKind,
} from '@ntm/commendation';

// Request bodies of the commendation commands. They check shape only; the rules live in the deciders.

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LocalDate = () => Matches(LOCAL_DATE, { message: 'date' });
const Slug = () => Matches(SLUG, { message: 'slug' });
const Year = () => applyDecorators(IsInt(), Min(2000), Max(2100));

export class NomineeDto {
  @ApiProperty({ enum: NOMINEE_KINDS }) @IsIn(NOMINEE_KINDS) kind: NomineeKind;
  @ApiPropertyOptional({ example: '06', description: 'Bỏ trống: tỉnh của đường dẫn hoặc của đề nghị' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  provinceCode?: string;
  @ApiPropertyOptional({ example: '058' }) @IsOptional() @IsString() @IsNotEmpty() districtCode?: string;
  @ApiPropertyOptional({ example: '01843', description: 'Bắt buộc với xã' })
  @ValidateIf((o: NomineeDto) => o.kind === 'commune')
  @IsString()
  @IsNotEmpty()
  communeCode?: string;
  @ApiPropertyOptional({ example: 'htx-nong-thuong', description: 'Bắt buộc với tập thể khác và cá nhân' })
  @ValidateIf((o: NomineeDto) => o.kind !== 'commune')
  @Slug()
  id?: string;
  @ApiProperty({ example: 'xã Nông Thượng' }) @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @ApiPropertyOptional({ example: 'Chủ tịch UBND xã Nông Thượng' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  position?: string;
}

/** Event data must be plain JSON, not the validated DTO instances. */
export const plain = (body: object): Record<string, unknown> => instanceToPlain(body);

/** The nominee union from its flat request shape. */
export const toNominee = (d: NomineeDto, provinceCode: string): Nominee => {
  const province = d.provinceCode ?? provinceCode;
  switch (d.kind) {
    case 'commune':
      return {
        kind: 'commune',
        provinceCode: province,
        ...(d.districtCode ? { districtCode: d.districtCode } : {}),
        communeCode: d.communeCode!,
        name: d.name,
      };
    case 'collective':
      return { kind: 'collective', provinceCode: province, id: d.id!, name: d.name };
    case 'individual':
      return {
        kind: 'individual',
        provinceCode: province,
        id: d.id!,
        name: d.name,
        ...(d.position ? { position: d.position } : {}),
      };
  }
};

export class BoardMemberDto {
  @ApiProperty({ example: 'thu-ky-hoi-dong', description: 'Mã người dùng (sub của mã truy cập)' })
  @IsString()
  @IsNotEmpty()
  id: string;
  @ApiProperty({ example: 'Hoàng Thị Thư' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ enum: ['secretary', 'member'] }) @IsIn(['secretary', 'member']) role: 'secretary' | 'member';
}

export class AppointBoardDto {
  @ApiProperty({ type: [BoardMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => BoardMemberDto)
  members: BoardMemberDto[];
  @ApiProperty({ example: '2025-01-10' }) @LocalDate() appointedOn: string;
}

export class MovementDto {
  @ApiProperty({ example: 'ntm-2021-2025' }) @Slug() id: string;
  @ApiProperty({ example: 'Cả nước chung sức xây dựng nông thôn mới' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
  @ApiProperty({ example: 2021 }) @Year() fromYear: number;
  @ApiProperty({ example: 2025 }) @Year() toYear: number;
  @ApiProperty({ example: 'toàn quốc' }) @IsString() @IsNotEmpty() scope: string;
  @ApiProperty({ example: 'Thủ tướng Chính phủ' }) @IsString() @IsNotEmpty() launchedBy: string;
  @ApiProperty({ example: '2022-05-18' }) @LocalDate() launchedOn: string;
}

export class ClusterDto {
  @ApiProperty({ example: 'cum-thanh-pho-bac-kan' }) @Slug() clusterId: string;
  @ApiProperty({ example: 'Cụm thi đua các xã thành phố Bắc Kạn' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
  @ApiProperty({ enum: ['cum', 'khoi'] }) @IsIn(['cum', 'khoi']) kind: 'cum' | 'khoi';
  @ApiProperty({ example: 2021, description: 'Thành phần áp dụng từ năm' }) @Year() fromYear: number;
  @ApiProperty({ type: [NomineeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => NomineeDto)
  members: NomineeDto[];
}

export class ScoreEntryDto {
  @ApiProperty({ example: 'commune:01843' }) @IsString() @IsNotEmpty() memberKey: string;
  @ApiProperty({ example: 95.5 }) @IsNumber() @Min(0) score: number;
}

export class ClusterScoresDto {
  @ApiProperty({ example: 2025 }) @Year() year: number;
  @ApiProperty({ example: '2025-12-01' }) @LocalDate() reviewedOn: string;
  @ApiProperty({ type: [ScoreEntryDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ScoreEntryDto)
  entries: ScoreEntryDto[];
  @ApiPropertyOptional({ description: 'Đơn vị dẫn đầu khi nhiều đơn vị bằng điểm cao nhất' })
  @IsOptional()
  @IsString()
  leader?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(SHA256, { message: 'sha256' }) minutes?: string;
}

export class ThresholdDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) num: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(1) den: number;
  @ApiProperty({ example: false, description: 'true: phải lớn hơn; false: lớn hơn hoặc bằng' })
  @IsBoolean()
  strict: boolean;
}

export class ReviewRuleDto {
  @ApiProperty({ type: ThresholdDto, description: 'Tỷ lệ có mặt tối thiểu (chưa xác minh: cấu hình)' })
  @ValidateNested()
  @Type(() => ThresholdDto)
  quorum: ThresholdDto;
  @ApiProperty({ type: ThresholdDto, description: 'Tỷ lệ tán thành (chưa xác minh: cấu hình)' })
  @ValidateNested()
  @Type(() => ThresholdDto)
  approval: ThresholdDto;
  @ApiProperty({ enum: ['present', 'members'] }) @IsIn(['present', 'members']) approvalBase:
    'present' | 'members';
}

export class DecisionAuthorityDto {
  @ApiProperty({ enum: ROLES, example: 'chairman' }) @IsIn(ROLES) role: Role;
  @ApiProperty({ example: 'Chủ tịch Ủy ban nhân dân tỉnh' }) @IsString() @IsNotEmpty() authority: string;
}

export class AwardTypeDto {
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh' }) @Slug() id: string;
  @ApiProperty({ example: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;
  @ApiProperty({ enum: AWARD_LEVELS }) @IsIn(AWARD_LEVELS) level: AwardLevel;
  @ApiProperty({ enum: NOMINEE_KINDS, isArray: true })
  @IsArray()
  @IsIn(NOMINEE_KINDS, { each: true })
  nomineeKinds: NomineeKind[];
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @IsIn(ROLES, { each: true }) proposers: Role[];
  @ApiProperty({ type: DecisionAuthorityDto })
  @ValidateNested()
  @Type(() => DecisionAuthorityDto)
  decision: DecisionAuthorityDto;
  @ApiProperty({ type: ReviewRuleDto }) @ValidateNested() @Type(() => ReviewRuleDto) review: ReviewRuleDto;
  @ApiProperty({
    description:
      'Điều kiện: holds-recognition, recognised-in-period, leads-cluster, consecutive-titles, not-awarded-in-earlier-period, quota',
    example: [
      { kind: 'holds-recognition', level: 'ntm' },
      { kind: 'quota', base: 'province-ntm-communes', share: { num: 5, den: 100 }, rounding: 'floor' },
    ],
  })
  @IsArray()
  @IsObject({ each: true })
  rules: EligibilityRule[];
}

export class AchievementDto {
  @ApiProperty({ enum: ACHIEVEMENT_KINDS }) @IsIn(ACHIEVEMENT_KINDS) kind: AchievementKind;
  @ApiProperty({ example: '2021-2025' }) @IsString() @IsNotEmpty() @MaxLength(20) period: string;
  @ApiProperty({ example: 'Hoàn thành xây dựng xã đạt chuẩn nông thôn mới' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text: string;
}

export class EligibilityQueryDto {
  @ApiProperty({ example: '06' }) @IsString() @IsNotEmpty() provinceCode: string;
  @ApiProperty({ example: 'ntm-2021-2025' }) @Slug() movementId: string;
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh' }) @Slug() awardTypeId: string;
  @ApiProperty({ example: 2025 }) @Year() year: number;
  @ApiProperty({ type: NomineeDto }) @ValidateNested() @Type(() => NomineeDto) nominee: NomineeDto;
}

export class SubmitNominationDto extends EligibilityQueryDto {
  @ApiPropertyOptional({ description: 'Mã đề nghị (UUID); bỏ trống để hệ thống tạo' })
  @IsOptional()
  @IsUUID()
  nominationId?: string;
  @ApiProperty({ type: AchievementDto })
  @ValidateNested()
  @Type(() => AchievementDto)
  achievement: AchievementDto;
  @ApiPropertyOptional({ type: [String], description: 'SHA-256 của tài liệu kèm theo' })
  @IsOptional()
  @IsArray()
  @Matches(SHA256, { each: true, message: 'sha256' })
  documents?: string[];
}

export class OpenReviewDto {
  @ApiProperty({ type: [String], description: 'Mã các thành viên có mặt' })
  @IsArray()
  @IsString({ each: true })
  present: string[];
  @ApiProperty({ example: '2025-11-25' }) @LocalDate() meetingOn: string;
}

export class VoteDto {
  @ApiProperty({ enum: BALLOTS }) @IsIn(BALLOTS) ballot: Ballot;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ConcludeReviewDto {
  @ApiPropertyOptional({ description: 'SHA-256 của biên bản họp' })
  @IsOptional()
  @Matches(SHA256, { message: 'sha256' })
  minutes?: string;
}

export class ReturnNominationDto {
  @ApiProperty({ type: [String], example: ['Bổ sung biên bản bình xét của cụm thi đua'] })
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  reasons: string[];
}

export class SupplementNominationDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @Matches(SHA256, { each: true, message: 'sha256' })
  documents: string[];
  @ApiProperty({ example: 'Đã bổ sung kết quả lấy ý kiến' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class EscalateNominationDto {
  @ApiProperty({ example: 'bang-khen-thu-tuong' }) @Slug() awardTypeId: string;
  @ApiProperty({ example: 'Thành tích tiêu biểu xuất sắc của tỉnh' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

export class WithdrawNominationDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class IssueDecisionDto {
  @ApiPropertyOptional({ description: 'Bỏ trống: suy ra từ số quyết định' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;
  @ApiProperty({ example: '2500/QĐ-UBND' }) @IsString() @IsNotEmpty() @MaxLength(100) number: string;
  @ApiProperty({ example: '2025-12-20' }) @LocalDate() decidedOn: string;
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh' }) @Slug() awardTypeId: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID(undefined, { each: true })
  nominationIds: string[];
  @ApiPropertyOptional({ example: 'Nguyễn Văn Bình' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  signerName?: string;
}

export class PriorAwardDto {
  @ApiProperty({ example: 'tt-ldxs-2024-nong-thuong' }) @Slug() awardId: string;
  @ApiProperty({ type: NomineeDto }) @ValidateNested() @Type(() => NomineeDto) recipient: NomineeDto;
  @ApiProperty({ example: 'tap-the-lao-dong-xuat-sac' }) @Slug() awardTypeId: string;
  @ApiProperty({ example: 2024 }) @Year() year: number;
  @ApiProperty({ example: '1800/QĐ-UBND' }) @IsString() @IsNotEmpty() decisionNumber: string;
  @ApiProperty({ example: '2024-12-10' }) @LocalDate() decidedOn: string;
}

export class FlagAwardDto {
  @ApiProperty({ example: 'Phản ánh số liệu thu nhập không trung thực' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  text: string;
}

export class ClearFlagsDto {
  @ApiProperty({ example: 'Thành tích không phụ thuộc quyết định bị thu hồi' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note: string;
}

export class RevokeAwardDto {
  @ApiProperty({ enum: ['false-records', 'recognition-revoked'] })
  @IsIn(['false-records', 'recognition-revoked'])
  reason: 'false-records' | 'recognition-revoked';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) text: string;
  @ApiProperty({ example: '300/QĐ-UBND' }) @IsString() @IsNotEmpty() decisionNumber: string;
  @ApiProperty({ example: '2026-04-01' }) @LocalDate() decidedOn: string;
}

const FORMATS = ['json', 'xlsx'] as const;

export class ReadQueryDto {
  @ApiPropertyOptional({ description: 'Chờ dữ liệu cập nhật tới vị trí này (position của lệnh vừa gửi)' })
  @IsOptional()
  @IsString()
  minPosition?: string;
  @ApiPropertyOptional({ enum: FORMATS }) @IsOptional() @IsIn(FORMATS) format?: (typeof FORMATS)[number];
}

export class YearQueryDto extends ReadQueryDto {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @Year() year: number;
}

export class CandidatesQueryDto extends YearQueryDto {
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh' }) @Slug() awardTypeId: string;
}

export class AwardsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 2025 }) @IsOptional() @Type(() => Number) @Year() year?: number;
  @ApiPropertyOptional() @IsOptional() @Slug() awardTypeId?: string;
}

export class NominationsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional() @IsOptional() @Slug() movementId?: string;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, instanceToPlain } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { LEVELS, type Level } from '@ntm/criteria';
import { ROLES, type Role } from '@ntm/decider';
import {
  ACHIEVEMENT_KINDS,
  AWARD_LEVELS,
  BALLOTS,
  BALLOT_KINDS,
  NOMINEE_KINDS,
  MAX_MOVEMENT_QUOTAS,
  QUOTA_BASES,
  type AchievementKind,
  type AwardLevel,
  type Ballot,
  type BallotKind,
  type EligibilityRule,
  type Nominee,
  type NomineeKind,
  type QuotaBase,
} from '@ntm/commendation';
import {
  Int,
  LIMITS,
  MinPositionQueryDto,
  Nested,
  NestedList,
  Num,
  OptionalInt,
  OptionalNested,
  OptionalNestedList,
  OptionalPatternList,
  OptionalText,
  OptionalTextList,
  PatternList,
  Text,
  TextList,
} from '../http/constraints';

// Request bodies of the commendation commands. They check shape only; the rules live in the deciders.
// Every string, list and number has a bound (documented in OpenAPI); nested objects are required objects.

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CODE = /^[0-9A-Za-z_-]{1,20}$/;
const LocalDate = () => applyDecorators(IsString(), Matches(LOCAL_DATE, { message: 'date' }));
const Slug = () => applyDecorators(IsString(), Matches(SLUG, { message: 'slug' }));
const Code = () => applyDecorators(IsString(), Matches(CODE, { message: 'code' }));
const Year = () => applyDecorators(IsInt(), Min(2000), Max(2100));
const Sha256 = () => applyDecorators(IsString(), Matches(SHA256, { message: 'sha256' }));
/** Members of a board, a cluster, a review; nominations of one decision. */
const MAX_MEMBERS = 500;

export class NomineeDto {
  @ApiProperty({ enum: NOMINEE_KINDS }) @IsIn(NOMINEE_KINDS) kind: NomineeKind;
  @ApiPropertyOptional({
    example: '06',
    maxLength: 20,
    description: 'Bỏ trống: tỉnh của đường dẫn hoặc của đề nghị',
  })
  @IsOptional()
  @Code()
  provinceCode?: string;
  @ApiPropertyOptional({ example: '058', maxLength: 20 }) @IsOptional() @Code() districtCode?: string;
  @ApiPropertyOptional({ example: '01843', maxLength: 20, description: 'Bắt buộc với xã' })
  @ValidateIf((o: NomineeDto) => o.kind === 'commune')
  @Code()
  communeCode?: string;
  @ApiPropertyOptional({
    example: 'htx-nong-thuong',
    maxLength: 63,
    description: 'Bắt buộc với tập thể khác và cá nhân',
  })
  @ValidateIf((o: NomineeDto) => o.kind !== 'commune')
  @Slug()
  id?: string;
  @Text(300, { example: 'xã Nông Thượng' }) name: string;
  @OptionalText(300, { example: 'Phó Bí thư Đảng ủy, Chủ tịch HĐND xã', description: 'Chức vụ (cá nhân)' })
  position?: string;
  @OptionalText(300, { example: 'xã Nông Thượng', description: 'Đơn vị công tác (cá nhân)' }) unit?: string;
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
        ...(d.unit ? { unit: d.unit } : {}),
      };
  }
};

export class BoardMemberDto {
  @Text(LIMITS.code, { example: 'thu-ky-hoi-dong', description: 'Mã người dùng (sub của mã truy cập)' })
  id: string;
  @Text(LIMITS.name, { example: 'Hoàng Thị Thư' }) name: string;
  @ApiProperty({ enum: ['secretary', 'member'] }) @IsIn(['secretary', 'member']) role: 'secretary' | 'member';
}

export class AppointBoardDto {
  @NestedList(() => BoardMemberDto, MAX_MEMBERS, { min: 1 }) members: BoardMemberDto[];
  @ApiProperty({ example: '2025-01-10', format: 'date' }) @LocalDate() appointedOn: string;
}

export class ShareDto {
  @Int(0, 1_000_000, { example: 5 }) num: number;
  @Int(1, 1_000_000, { example: 100 }) den: number;
}

export class MovementQuotaDto {
  @ApiProperty({ example: 'xa-ntm-trong-giai-doan', maxLength: 63 }) @Slug() id: string;
  @ApiProperty({ example: 'bang-khen-thu-tuong', maxLength: 63 }) @Slug() awardTypeId: string;
  @ApiProperty({
    enum: QUOTA_BASES,
    description:
      'province-communes: tất cả các xã; province-ntm-in-period: xã được công nhận đạt chuẩn NTM trong giai đoạn; ' +
      'province-ntm-communes: xã đang giữ chuẩn NTM; province-kieu-mau-communes: xã NTM kiểu mẫu; ' +
      'cluster-leaders: đơn vị dẫn đầu cụm, khối trong năm',
  })
  @IsIn(QUOTA_BASES)
  base: QuotaBase;
  @Nested(() => ShareDto) share: ShareDto;
  @ApiProperty({ enum: ['floor', 'ceil'] }) @IsIn(['floor', 'ceil']) rounding: 'floor' | 'ceil';
  @Text(LIMITS.note, {
    example:
      'Quyết định 1730/QĐ-TTg: 5% số xã đạt chuẩn NTM trong giai đoạn (chưa xác minh cho giai đoạn này)',
    description: 'Căn cứ của chỉ tiêu, hoặc ghi rõ chưa xác minh',
  })
  source: string;
}

export class MovementDto {
  @ApiProperty({ example: 'ntm-2021-2025', maxLength: 63 }) @Slug() id: string;
  @Text(300, { example: 'Cả nước chung sức xây dựng nông thôn mới' }) name: string;
  @ApiProperty({ example: 2021, minimum: 2000, maximum: 2100 }) @Year() fromYear: number;
  @ApiProperty({ example: 2025, minimum: 2000, maximum: 2100 }) @Year() toYear: number;
  @Text(LIMITS.name, { example: 'toàn quốc' }) scope: string;
  @Text(LIMITS.name, { example: 'Thủ tướng Chính phủ' }) launchedBy: string;
  @ApiProperty({ example: '2022-05-18', format: 'date' }) @LocalDate() launchedOn: string;
  @OptionalNestedList(() => MovementQuotaDto, MAX_MOVEMENT_QUOTAS, {
    description:
      'Chỉ tiêu khen thưởng của phong trào, mỗi chỉ tiêu một hình thức, một cơ sở tính và một tỷ lệ; ' +
      'hình thức không có chỉ tiêu ở đây theo điều kiện quota của chính nó',
  })
  quotas?: MovementQuotaDto[];
}

export class QuotaBasisDto {
  @Text(LIMITS.decisionNumber, { example: '12/QĐ-HĐTĐKT', description: 'Số văn bản làm căn cứ' })
  number: string;
  @ApiProperty({ example: '2025-10-02', format: 'date', description: 'Ngày văn bản' })
  @LocalDate()
  issuedOn: string;
}

export class AmendMovementQuotasDto {
  @NestedList(() => MovementQuotaDto, MAX_MOVEMENT_QUOTAS, {
    description: 'Toàn bộ danh sách chỉ tiêu mới của phong trào (thay danh sách đang áp dụng)',
  })
  quotas: MovementQuotaDto[];
  @OptionalText(LIMITS.note, {
    example: 'Hội đồng điều chỉnh tỷ lệ theo kết luận phiên họp tháng 10/2025',
    description: 'Lý do sửa; phải có lý do hoặc văn bản làm căn cứ',
  })
  reason?: string;
  @OptionalNested(() => QuotaBasisDto, { description: 'Văn bản làm căn cứ (số, ngày)' })
  basis?: QuotaBasisDto;
}

export class ClusterDto {
  @ApiProperty({ example: 'cum-thanh-pho-bac-kan', maxLength: 63 }) @Slug() clusterId: string;
  @Text(300, { example: 'Cụm thi đua các xã thành phố Bắc Kạn' }) name: string;
  @ApiProperty({ enum: ['cum', 'khoi'] }) @IsIn(['cum', 'khoi']) kind: 'cum' | 'khoi';
  @ApiProperty({ example: 2021, minimum: 2000, maximum: 2100, description: 'Thành phần áp dụng từ năm' })
  @Year()
  fromYear: number;
  @NestedList(() => NomineeDto, MAX_MEMBERS, { min: 1 }) members: NomineeDto[];
}

export class ScoreEntryDto {
  @Text(LIMITS.name, { example: 'commune:01843' }) memberKey: string;
  @Num(0, 1_000_000, { example: 95.5 }) score: number;
}

export class ClusterScoresDto {
  @ApiProperty({ example: 2025, minimum: 2000, maximum: 2100 }) @Year() year: number;
  @ApiProperty({ example: '2025-12-01', format: 'date' }) @LocalDate() reviewedOn: string;
  @NestedList(() => ScoreEntryDto, MAX_MEMBERS) entries: ScoreEntryDto[];
  @OptionalText(LIMITS.name, { description: 'Đơn vị dẫn đầu khi nhiều đơn vị bằng điểm cao nhất' })
  leader?: string;
  @ApiPropertyOptional({ pattern: SHA256.source }) @IsOptional() @Sha256() minutes?: string;
}

export class ThresholdDto {
  @Int(0, 1000, { example: 2 }) num: number;
  @Int(1, 1000, { example: 3 }) den: number;
  @ApiProperty({ example: false, description: 'true: phải lớn hơn; false: lớn hơn hoặc bằng' })
  @IsBoolean()
  strict: boolean;
}

export class ReviewRuleDto {
  @Nested(() => ThresholdDto, { description: 'Tỷ lệ có mặt tối thiểu (chưa xác minh: cấu hình)' })
  quorum: ThresholdDto;
  @Nested(() => ThresholdDto, { description: 'Tỷ lệ tán thành (chưa xác minh: cấu hình)' })
  approval: ThresholdDto;
  @ApiProperty({
    enum: ['present', 'members'],
    description: 'members: tỷ lệ tính trên tổng số thành viên Hội đồng, kể cả người vắng mặt',
  })
  @IsIn(['present', 'members'])
  approvalBase: 'present' | 'members';
  @ApiPropertyOptional({
    enum: BALLOT_KINDS,
    description:
      'open: biểu quyết công khai, từng thành viên có mặt biểu quyết; secret: bỏ phiếu kín, chỉ ghi kết quả ' +
      'kiểm phiếu (Nghị định 91/2017/NĐ-CP Điều 45 khoản 8; Nghị định 98/2023/NĐ-CP chưa đối chiếu). Bỏ trống: open',
  })
  @IsOptional()
  @IsIn(BALLOT_KINDS)
  ballot?: BallotKind;
  @ApiPropertyOptional({
    description: 'Thành viên vắng mặt được gửi phiếu bằng văn bản và phiếu được tính. Bỏ trống: không',
  })
  @IsOptional()
  @IsBoolean()
  writtenVotes?: boolean;
}

export class DecisionAuthorityDto {
  @ApiProperty({ enum: ROLES, example: 'chairman' }) @IsIn(ROLES) role: Role;
  @Text(300, { example: 'Chủ tịch Ủy ban nhân dân tỉnh' }) authority: string;
}

/**
 * One eligibility rule: `kind` says which of the other fields it needs (the award-type decider checks that);
 * here each field only gets its type and bound.
 */
export class EligibilityRuleDto {
  @Text(LIMITS.code, {
    example: 'holds-recognition',
    description:
      'holds-recognition, recognised-in-period, leads-cluster, consecutive-titles, not-awarded-in-earlier-period, quota',
  })
  kind: string;
  @ApiPropertyOptional({ enum: LEVELS }) @IsOptional() @IsIn(LEVELS) level?: Level;
  @ApiPropertyOptional({ enum: LEVELS, isArray: true, maxItems: LEVELS.length })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LEVELS.length)
  @IsIn(LEVELS, { each: true })
  levels?: Level[];
  @ApiPropertyOptional({ maxLength: 63 }) @IsOptional() @Slug() awardTypeId?: string;
  @OptionalText(300) title?: string;
  @OptionalInt(1, 20) years?: number;
  @ApiPropertyOptional({ enum: ['nomination-year', 'previous-year'] })
  @IsOptional()
  @IsIn(['nomination-year', 'previous-year'])
  endingWith?: string;
  @OptionalPatternList(50, SLUG, 'slug') awardTypeIds?: string[];
  @ApiPropertyOptional({ enum: QUOTA_BASES }) @IsOptional() @IsIn(QUOTA_BASES) base?: string;
  @OptionalNested(() => ShareDto) share?: ShareDto;
  @ApiPropertyOptional({ enum: ['floor', 'ceil'] }) @IsOptional() @IsIn(['floor', 'ceil']) rounding?: string;
}

export class AwardTypeDto {
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh', maxLength: 63 }) @Slug() id: string;
  @Text(300, { example: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh' }) name: string;
  @ApiProperty({ enum: AWARD_LEVELS }) @IsIn(AWARD_LEVELS) level: AwardLevel;
  @ApiProperty({ enum: NOMINEE_KINDS, isArray: true, maxItems: NOMINEE_KINDS.length })
  @IsIn(NOMINEE_KINDS, { each: true })
  @ArrayMaxSize(NOMINEE_KINDS.length)
  @IsArray()
  nomineeKinds: NomineeKind[];
  @ApiProperty({ enum: ROLES, isArray: true, maxItems: ROLES.length })
  @IsIn(ROLES, { each: true })
  @ArrayMaxSize(ROLES.length)
  @IsArray()
  proposers: Role[];
  @Nested(() => DecisionAuthorityDto) decision: DecisionAuthorityDto;
  @Nested(() => ReviewRuleDto) review: ReviewRuleDto;
  @NestedList(() => EligibilityRuleDto, 20, {
    example: [
      { kind: 'holds-recognition', level: 'ntm' },
      { kind: 'quota', base: 'province-ntm-communes', share: { num: 5, den: 100 }, rounding: 'floor' },
    ],
  })
  rules: EligibilityRule[];
}

export class AchievementDto {
  @ApiProperty({ enum: ACHIEVEMENT_KINDS }) @IsIn(ACHIEVEMENT_KINDS) kind: AchievementKind;
  @Text(20, { example: '2021-2025' }) period: string;
  @Text(LIMITS.note, { example: 'Hoàn thành xây dựng xã đạt chuẩn nông thôn mới' }) text: string;
}

export class EligibilityQueryDto {
  @ApiProperty({ example: '06', maxLength: 20 }) @Code() provinceCode: string;
  @ApiProperty({ example: 'ntm-2021-2025', maxLength: 63 }) @Slug() movementId: string;
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh', maxLength: 63 }) @Slug() awardTypeId: string;
  @ApiProperty({ example: 2025, minimum: 2000, maximum: 2100 }) @Year() year: number;
  @Nested(() => NomineeDto) nominee: NomineeDto;
}

export class SubmitNominationDto extends EligibilityQueryDto {
  @ApiPropertyOptional({ description: 'Mã đề nghị (UUID); bỏ trống để hệ thống tạo' })
  @IsOptional()
  @IsUUID()
  nominationId?: string;
  @Nested(() => AchievementDto) achievement: AchievementDto;
  @OptionalPatternList(LIMITS.documents, SHA256, 'sha256', { description: 'SHA-256 của tài liệu kèm theo' })
  documents?: string[];
}

export class OpenReviewDto {
  @TextList(MAX_MEMBERS, LIMITS.code, { description: 'Mã các thành viên có mặt' }) present: string[];
  @ApiProperty({ example: '2025-11-25', format: 'date' }) @LocalDate() meetingOn: string;
}

export class VoteDto {
  @ApiProperty({ enum: BALLOTS }) @IsIn(BALLOTS) ballot: Ballot;
  @OptionalText(LIMITS.note) note?: string;
}

export class WrittenVoteDto {
  @Text(LIMITS.code, { example: 'uy-vien-4', description: 'Mã thành viên vắng mặt gửi phiếu' })
  memberId: string;
  @ApiProperty({ enum: BALLOTS }) @IsIn(BALLOTS) ballot: Ballot;
  @PatternList(5, SHA256, 'sha256', {
    description: 'SHA-256 của bản chụp phiếu biểu quyết bằng văn bản có chữ ký',
  })
  documents: string[];
}

export class BallotCountDto {
  @Int(0, MAX_MEMBERS, { example: 4, description: 'Số phiếu tán thành' }) for: number;
  @Int(0, MAX_MEMBERS, { example: 0, description: 'Số phiếu không tán thành' }) against: number;
  @Int(0, MAX_MEMBERS, {
    example: 1,
    description: 'Số phiếu không biểu quyết, phiếu trắng, phiếu không hợp lệ',
  })
  abstain: number;
  @OptionalTextList(MAX_MEMBERS, LIMITS.code, {
    description:
      'Mã các thành viên vắng mặt có phiếu bằng văn bản trong hòm phiếu (ai gửi, không phải gửi gì)',
  })
  writtenFrom?: string[];
  @ApiPropertyOptional({ description: 'SHA-256 của biên bản kiểm phiếu', pattern: SHA256.source })
  @IsOptional()
  @Sha256()
  minutes?: string;
}

export class ConcludeReviewDto {
  @ApiPropertyOptional({ description: 'SHA-256 của biên bản họp', pattern: SHA256.source })
  @IsOptional()
  @Sha256()
  minutes?: string;
}

export class ReturnNominationDto {
  @TextList(LIMITS.shortList, LIMITS.note, {
    min: 1,
    example: ['Bổ sung biên bản bình xét của cụm thi đua'],
  })
  reasons: string[];
}

export class SupplementNominationDto {
  @PatternList(LIMITS.documents, SHA256, 'sha256') documents: string[];
  @Text(LIMITS.note, { example: 'Đã bổ sung kết quả lấy ý kiến' }) note: string;
}

export class EscalateNominationDto {
  @ApiProperty({ example: 'bang-khen-thu-tuong', maxLength: 63 }) @Slug() awardTypeId: string;
  @Text(LIMITS.note, { example: 'Thành tích tiêu biểu xuất sắc của tỉnh' }) reason: string;
}

export class WithdrawNominationDto {
  @Text(LIMITS.note) reason: string;
}

export class IssueDecisionDto {
  @ApiPropertyOptional({ description: 'Bỏ trống: suy ra từ số quyết định' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;
  @Text(LIMITS.decisionNumber, { example: '2500/QĐ-UBND' }) number: string;
  @ApiProperty({ example: '2025-12-20', format: 'date' }) @LocalDate() decidedOn: string;
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh', maxLength: 63 }) @Slug() awardTypeId: string;
  @ApiProperty({ type: [String], format: 'uuid', maxItems: MAX_MEMBERS, minItems: 1 })
  @IsUUID(undefined, { each: true })
  @ArrayMaxSize(MAX_MEMBERS)
  @ArrayMinSize(1)
  @IsArray()
  nominationIds: string[];
  @OptionalText(LIMITS.name, { example: 'Nguyễn Văn Bình' }) signerName?: string;
}

export class PriorAwardDto {
  @ApiProperty({ example: 'tt-ldxs-2024-nong-thuong', maxLength: 63 }) @Slug() awardId: string;
  @Nested(() => NomineeDto) recipient: NomineeDto;
  @ApiProperty({ example: 'tap-the-lao-dong-xuat-sac', maxLength: 63 }) @Slug() awardTypeId: string;
  @ApiProperty({ example: 2024, minimum: 2000, maximum: 2100 }) @Year() year: number;
  @Text(LIMITS.decisionNumber, { example: '1800/QĐ-UBND' }) decisionNumber: string;
  @ApiProperty({ example: '2024-12-10', format: 'date' }) @LocalDate() decidedOn: string;
}

export class FlagAwardDto {
  @Text(LIMITS.note, { example: 'Phản ánh số liệu thu nhập không trung thực' }) text: string;
}

export class ClearFlagsDto {
  @Text(LIMITS.note, { example: 'Thành tích không phụ thuộc quyết định bị thu hồi' }) note: string;
}

export class RevokeAwardDto {
  @ApiProperty({ enum: ['false-records', 'recognition-revoked'] })
  @IsIn(['false-records', 'recognition-revoked'])
  reason: 'false-records' | 'recognition-revoked';
  @Text(LIMITS.note) text: string;
  @Text(LIMITS.decisionNumber, { example: '300/QĐ-UBND' }) decisionNumber: string;
  @ApiProperty({ example: '2026-04-01', format: 'date' }) @LocalDate() decidedOn: string;
}

const FORMATS = ['json', 'xlsx'] as const;

/** A list of the province's record: as JSON, or as a workbook to download. */
export class ReadQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ enum: FORMATS }) @IsOptional() @IsIn(FORMATS) format?: (typeof FORMATS)[number];
}

export class YearQueryDto extends ReadQueryDto {
  @ApiProperty({ example: 2025, minimum: 2000, maximum: 2100 }) @Type(() => Number) @Year() year: number;
}

export class CandidatesQueryDto extends YearQueryDto {
  @ApiProperty({ example: 'bang-khen-chu-tich-tinh', maxLength: 63 }) @Slug() awardTypeId: string;
}

export class AwardsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 2025, minimum: 2000, maximum: 2100 })
  @IsOptional()
  @Type(() => Number)
  @Year()
  year?: number;
  @ApiPropertyOptional({ maxLength: 63 }) @IsOptional() @Slug() awardTypeId?: string;
}

export class NominationsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ maxLength: 63 }) @IsOptional() @Slug() movementId?: string;
}

export class DecisionsQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 2025, minimum: 2000, maximum: 2100, description: 'Năm ký quyết định' })
  @IsOptional()
  @Type(() => Number)
  @Year()
  year?: number;
}

export class CommuneRegistryQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ example: 2021, minimum: 2000, maximum: 2100, description: 'Khen thưởng từ năm' })
  @IsOptional()
  @Type(() => Number)
  @Year()
  fromYear?: number;
  @ApiPropertyOptional({ example: 2025, minimum: 2000, maximum: 2100, description: 'Khen thưởng đến năm' })
  @IsOptional()
  @Type(() => Number)
  @Year()
  toYear?: number;
  @OptionalText(LIMITS.name, {
    example: 'xuat hoa',
    description: 'Tên xã có dấu hoặc không dấu (tìm theo một phần tên)',
  })
  name?: string;
}

const RECIPIENT_KINDS = ['collective', 'individual'] as const;

export class RecipientsQueryDto extends ReadQueryDto {
  @OptionalText(LIMITS.name, {
    example: 'ha van duc',
    description: 'Tên tập thể, cá nhân có dấu hoặc không dấu (mọi từ đã gõ)',
  })
  q?: string;
  @ApiPropertyOptional({ enum: RECIPIENT_KINDS, description: 'Bỏ trống: cả tập thể và cá nhân' })
  @IsOptional()
  @IsIn(RECIPIENT_KINDS)
  kind?: (typeof RECIPIENT_KINDS)[number];
}

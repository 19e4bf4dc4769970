import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { LEVELS, type Level } from '@ntm/criteria';
import {
  PROCEDURE_VERSIONS,
  type CommuneRef,
  type CouncilCounts,
  type CriterionAssessment,
  type CriterionFinding,
  type DataOf,
  type DebtConfirmation,
  type KieuMauDeclaration,
  type ReturnReason,
  type SecurityCertificate,
  type SurveyQuestionResult,
} from '@ntm/recognition';
import * as bounded from '../http/constraints';
import {
  Int,
  LIMITS,
  Nested,
  NestedList,
  Num,
  OptionalInt,
  OptionalNested,
  OptionalNestedList,
  OptionalPatternList,
  PatternList,
  Trim,
} from '../http/constraints';

// Request bodies of the dossier commands. They check shape only; the procedure's rules live in the decider.
// Every string, list and number has a bound (documented in OpenAPI); nested objects are required objects.
// Each body implements its command's data, so a body that passed validation is the command's data as it is:
// adding a field means adding it to the command type and here, and the compiler holds the two together.

// Free text is recorded trimmed: a required text that is blank is refused, an optional one is absent.
const Text = (max: number, api?: Parameters<typeof bounded.Text>[1]) =>
  applyDecorators(Trim(), bounded.Text(max, api));
const OptionalText = (max: number, api?: Parameters<typeof bounded.OptionalText>[1]) =>
  applyDecorators(Trim(true), bounded.OptionalText(max, api));
export const TextList = (max: number, length: number, options?: Parameters<typeof bounded.TextList>[2]) =>
  applyDecorators(Trim(), bounded.TextList(max, length, options));
const OptionalTextList = (
  max: number,
  length: number,
  api?: Parameters<typeof bounded.OptionalTextList>[2],
) => applyDecorators(Trim(true), bounded.OptionalTextList(max, length, api));

export const SHA256 = /^[0-9a-f]{64}$/;
/** Calendar date, hours and minutes, optional seconds, and the offset (not week or ordinal dates). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[0-9A-Za-z_-]{1,20}$/;
/** Criteria per assessment: 19 in every criteria set, with room for a repeated criterion to be refused by the decider. */
const MAX_CRITERIA = 50;
export const Sha256 = (optional = false, description?: string) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ type: String, pattern: SHA256.source, description })
      : ApiProperty({ type: String, pattern: SHA256.source, description }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(SHA256, { message: 'sha256' }),
  );
const Sha256List = (description = 'SHA-256 của tài liệu minh chứng') =>
  PatternList(LIMITS.documents, SHA256, 'sha256', { description });
const Code = (optional = false, example?: string) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ type: String, pattern: CODE.source, maxLength: 20, example })
      : ApiProperty({ type: String, pattern: CODE.source, maxLength: 20, example }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(CODE, { message: 'code' }),
  );
// An instant must carry its UTC offset, or its Vietnamese local day would depend on the server's zone.
export const Instant = (optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ type: String, format: 'date-time', maxLength: 40 })
      : ApiProperty({ type: String, format: 'date-time', maxLength: 40 }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(40),
    IsISO8601({ strict: true }),
    Matches(INSTANT, { message: 'instant' }),
  );
export const LocalDate = (optional = false, example?: string) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ type: String, format: 'date', example })
      : ApiProperty({ type: String, format: 'date', example }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Matches(LOCAL_DATE, { message: 'date' }),
  );
const Bool = (description?: string) =>
  applyDecorators(ApiProperty({ type: Boolean, description }), IsBoolean());
/** Households, forms, attendees: counts of people in one commune. */
const COUNT_MAX = 10_000_000;

export class CommuneRefDto implements CommuneRef {
  @Code(false, '06') provinceCode: string;
  @Code(true, '058') districtCode?: string;
  @Code(false, '01843') communeCode: string;
  @Text(LIMITS.name, { example: 'xã Nông Thượng' }) name: string;
}

export class OpenDossierDto {
  @ApiPropertyOptional({ description: 'Mã hồ sơ (UUID); bỏ trống để hệ thống tạo' })
  @IsOptional()
  @IsUUID()
  dossierId?: string;
  @Nested(() => CommuneRefDto) commune: CommuneRefDto;
  @ApiProperty({ enum: LEVELS }) @IsIn(LEVELS) level: Level;
  @ApiProperty({ enum: PROCEDURE_VERSIONS, example: '2021-2025' })
  @IsIn(PROCEDURE_VERSIONS)
  procedureVersion: string;
  @Int(2021, 2100, { example: 2025 }) year: number;
}

export class CriterionAssessmentDto implements CriterionAssessment {
  @Int(1, 19, { example: 17 }) criterion: number;
  @Bool() met: boolean;
  @ApiProperty({ type: String, maxLength: LIMITS.note, example: '52,3 triệu đồng/người/năm' })
  @Trim()
  @IsString()
  @MaxLength(LIMITS.note)
  value: string;
  @Sha256List() evidence: string[];
}

export class KieuMauDeclarationDto implements KieuMauDeclaration {
  @Num(0, 100_000, { example: 72.5 }) incomePerCapita: number;
  @Num(0, 100_000, {
    example: 62,
    description:
      'Mức thu nhập theo tiêu chí Thu nhập của bộ tiêu chí xã NTM nâng cao áp dụng cùng thời điểm (triệu đồng/người/năm)',
  })
  nangCaoIncomeStandard: number;
  @TextList(LIMITS.shortList, LIMITS.name) smartVillages: string[];
  @TextList(LIMITS.shortList, LIMITS.name) outstandingFields: string[];
  @Sha256List() evidence: string[];
}

export class SelfAssessmentDto implements DataOf<'RecordSelfAssessment'> {
  @NestedList(() => CriterionAssessmentDto, MAX_CRITERIA) criteria: CriterionAssessmentDto[];
  @OptionalNested(() => KieuMauDeclarationDto) kieuMau?: KieuMauDeclarationDto;
  @Sha256(true) report?: string;
}

export class PublicPostingDto implements DataOf<'OpenPublicPosting'> {
  @TextList(LIMITS.shortList, 500, {
    min: 1,
    example: ['Trụ sở UBND xã', 'Nhà văn hóa các thôn', 'Đài truyền thanh xã'],
  })
  where: string[];
  @Instant() from: string;
  @Instant(true) until?: string;
}

export class PublicCommentDto implements DataOf<'RecordPublicComment'> {
  @OptionalText(LIMITS.name) author?: string;
  @Text(LIMITS.text) content: string;
  @Instant(true) receivedAt?: string;
}

export class SurveyQuestionResultDto implements SurveyQuestionResult {
  @Text(1000) question: string;
  @Int(0, COUNT_MAX) satisfied: number;
  @Int(0, COUNT_MAX) answered: number;
}

/** A result entered by hand: the route adds `source: 'manual'`; tallied results come from the survey. */
export class SurveyResultDto implements Omit<DataOf<'RecordSurveyResult'>, 'source' | 'surveyId'> {
  @Int(1, COUNT_MAX, { example: 1250 }) households: number;
  @Int(0, COUNT_MAX, { example: 1100 }) formsCollected: number;
  @Int(0, COUNT_MAX, { example: 1045 }) satisfied: number;
  @OptionalNestedList(() => SurveyQuestionResultDto, LIMITS.shortList)
  perQuestion?: SurveyQuestionResultDto[];
  @Sha256(true) report?: string;
}

export class CommuneMeetingDto implements DataOf<'HoldCommuneMeeting'> {
  @Int(1, 100_000, { example: 37 }) attendees: number;
  @Int(0, 100_000, { example: 37 }) votesFor: number;
  @Int(0, 100_000, { example: 0 }) votesAgainst: number;
  @Sha256(false, 'SHA-256 của biên bản họp') minutes: string;
  @Instant(true) heldAt?: string;
}

/** Condition 4 as amended by Decision 03/2024/QĐ-TTg: the certificate for the year (Thông tư 124/2021/TT-BCA). */
export class SecurityCertificateDto implements SecurityCertificate {
  @Text(LIMITS.decisionNumber, { example: '125/QĐ-UBND', description: 'Số quyết định công nhận' })
  number: string;
  @LocalDate(false, '2025-01-15') issuedOn: string;
  @Text(LIMITS.name, { example: 'UBND tỉnh Bắc Kạn' }) issuer: string;
  @Int(2000, 2100, { example: 2025, description: 'Năm được công nhận "An toàn về an ninh, trật tự"' })
  year: number;
  @Sha256List('SHA-256 của bản quyết định công nhận') evidence: string[];
}

/** Condition 3: the finance office's confirmation of basic-construction debt under the programme. */
export class DebtConfirmationDto implements DebtConfirmation {
  @Text(LIMITS.decisionNumber, { example: '45/TCKH' }) number: string;
  @LocalDate(false, '2025-03-20') issuedOn: string;
  @Text(LIMITS.name, { example: 'Phòng Tài chính - Kế hoạch thành phố Bắc Kạn' }) issuer: string;
  @Int(0, 1e15, { example: 0, description: 'Số nợ đọng xây dựng cơ bản còn lại (đồng); 0 nếu không còn' })
  outstanding: number;
  @Sha256List('SHA-256 của văn bản xác nhận') evidence: string[];
}

export class SubmissionDto implements DataOf<'SubmitDossier'> {
  @Nested(() => SecurityCertificateDto) securityCertificate: SecurityCertificateDto;
  @Nested(() => DebtConfirmationDto) debtConfirmation: DebtConfirmationDto;
  @OptionalPatternList(LIMITS.documents, SHA256, 'sha256') documents?: string[];
}

export class ResubmissionDto extends SubmissionDto implements DataOf<'ResubmitDossier'> {
  @Text(LIMITS.text, { example: 'Bổ sung minh chứng tiêu chí 17' }) changes: string;
}

export class CriterionFindingDto implements CriterionFinding {
  @Int(1, 19) criterion: number;
  @Bool() met: boolean;
  @OptionalText(LIMITS.note) note?: string;
}

export class VerificationDto implements DataOf<'VerifyDossier'> {
  @NestedList(() => CriterionFindingDto, MAX_CRITERIA) findings: CriterionFindingDto[];
  @Sha256(true) report?: string;
}

export class ReturnReasonDto implements ReturnReason {
  @OptionalInt(1, 19) criterion?: number;
  @OptionalText(500, { example: 'Biên bản họp' }) document?: string;
  @Text(LIMITS.note) text: string;
}

export class ReturnDto implements DataOf<'ReturnForSupplementation'> {
  @NestedList(() => ReturnReasonDto, LIMITS.shortList) reasons: ReturnReasonDto[];
}

export class AppraisalPostingDto implements DataOf<'OpenAppraisalPosting'> {
  @OptionalText(LIMITS.note) url?: string;
  @Instant() from: string;
  @Instant(true) until?: string;
}

export class CouncilVoteDto implements DataOf<'CastCouncilVote'> {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) vote: 'approve' | 'reject';
  @OptionalText(LIMITS.note) note?: string;
}

export class CouncilCountsDto implements CouncilCounts {
  @Int(1, 1000) members: number;
  @Int(0, 1000) present: number;
  @Int(0, 1000) for: number;
  @Int(0, 1000) against: number;
}

export class AppraisalConclusionDto implements DataOf<'ConcludeAppraisal'> {
  @Nested(() => CouncilCountsDto) counts: CouncilCountsDto;
  @OptionalNestedList(() => CriterionFindingDto, MAX_CRITERIA) findings?: CriterionFindingDto[];
  @Sha256(true) minutes?: string;
}

/** The chairman's decision: recognition, or its revocation. */
export class DecisionDto implements DataOf<'DecideRecognition'>, DataOf<'DecideRevocation'> {
  @Text(LIMITS.decisionNumber, { example: '1234/QĐ-UBND' }) decisionNumber: string;
  @LocalDate(false, '2025-12-15') decidedOn: string;
}

export class RefusalDto implements DataOf<'RefuseRecognition'> {
  @OptionalText(LIMITS.decisionNumber) decisionNumber?: string;
  @LocalDate(false, '2025-12-15') decidedOn: string;
  @OptionalTextList(LIMITS.shortList, LIMITS.note) reasons?: string[];
}

export class AnnouncementDto implements DataOf<'AnnounceRecognition'> {
  @LocalDate(false, '2025-12-20') announcedOn: string;
  @OptionalText(500) where?: string;
}

export class WithdrawalDto implements DataOf<'WithdrawDossier'> {
  @OptionalText(LIMITS.note) reason?: string;
}

export class RevocationProposalDto implements DataOf<'ProposeRevocation'> {
  @Text(5000) reason: string;
}

export class RevocationAssessmentDto implements DataOf<'AssessForRevocation'> {
  @NestedList(() => CriterionFindingDto, MAX_CRITERIA) results: CriterionFindingDto[];
  @Sha256(true) report?: string;
}

export class AnnualReviewDto implements DataOf<'RecordAnnualReview'> {
  @Int(2021, 2100, { example: 2026 }) year: number;
  @NestedList(() => CriterionFindingDto, MAX_CRITERIA) results: CriterionFindingDto[];
  @Sha256(true) report?: string;
}

export class AsOfQueryDto {
  @ApiPropertyOptional({ description: 'Trạng thái hồ sơ tại thời điểm này (ISO 8601)', maxLength: 40 })
  @applyDecorators(IsOptional(), IsString(), MaxLength(40), IsISO8601())
  asOf?: string;
}

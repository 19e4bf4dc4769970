import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ANSWERS,
  BALLOT_ANSWER_LIMITS,
  MAX_BATCH_FORMS,
  MAX_CRITERIA_QUESTIONS,
  type Answer,
} from '@ntm/survey';

// Request bodies of the survey routes. They check shape and size only; the survey's rules live in the decider
// (libs/survey), which names every bad answer, household or figure. Every string and list has a limit; the
// size of the whole body (keys per object, items per list, a form's answers) is measured before these classes
// are built from it (body-shape.ts).

const HOUSEHOLD_CODE = {
  example: 'ND-0012',
  description: 'Mã hộ trong danh sách hộ của xã; hệ thống chỉ lưu mã băm (HMAC), không lưu mã hộ',
};
const ANSWERS_EXAMPLE = { overall: 'satisfied', c2: 'satisfied', c17: 'not-satisfied' };

export class SurveyQuestionDto {
  @ApiProperty({ example: 'overall' }) @IsString() @IsNotEmpty() @MaxLength(50) id: string;
  @ApiProperty({ example: 'Ông/bà có hài lòng với kết quả xây dựng nông thôn mới của xã không?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  text: string;
}

export class CriterionQuestionDto extends SurveyQuestionDto {
  @ApiProperty({ example: 17, description: 'Số thứ tự tiêu chí' })
  @IsInt()
  @Min(1)
  @Max(99)
  criterion: number;
}

export class SurveyQuestionsDto {
  @ApiProperty({ type: SurveyQuestionDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyQuestionDto)
  overall: SurveyQuestionDto;
  @ApiProperty({ type: [CriterionQuestionDto], maxItems: MAX_CRITERIA_QUESTIONS })
  @IsArray()
  @ArrayMaxSize(MAX_CRITERIA_QUESTIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => CriterionQuestionDto)
  criteria: CriterionQuestionDto[];
}

export class SurveyPeriodDto {
  @ApiPropertyOptional({
    description: 'Bắt đầu nhận phiếu (mặc định: ngay khi mở)',
    example: '2025-03-03T00:00:00+07:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsISO8601()
  opensAt?: string;
  @ApiPropertyOptional({
    description:
      'Hết hạn nhận phiếu; khảo sát tự kết thúc lúc này. Mặc định: hết số ngày làm việc theo quy định lấy ý kiến của hồ sơ (lịch nghỉ lễ đã nạp); không được muộn hơn',
    example: '2025-03-24T00:00:00+07:00',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @IsISO8601()
  closesAt?: string;
}

export class PostingPlanDto {
  @ApiPropertyOptional({
    example: 10,
    description: 'Số ngày niêm yết kết quả (mặc định 10, chưa kiểm chứng)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
  @ApiPropertyOptional({ type: [String], example: ['Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  places?: string[];
}

export class OpenSurveyDto {
  @ApiPropertyOptional({
    type: SurveyQuestionsDto,
    description: 'Mặc định: câu hỏi chung và một câu cho mỗi tiêu chí của bộ tiêu chí của hồ sơ',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyQuestionsDto)
  questions?: SurveyQuestionsDto;
  @ApiPropertyOptional({
    type: SurveyPeriodDto,
    description: 'Mặc định: từ lúc mở đến hết thời gian theo quy định lấy ý kiến',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SurveyPeriodDto)
  period?: SurveyPeriodDto;
  @ApiPropertyOptional({ type: PostingPlanDto, description: 'Niêm yết kết quả khi khảo sát tự kết thúc' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PostingPlanDto)
  posting?: PostingPlanDto;
}

export class BallotDto {
  @ApiProperty(HOUSEHOLD_CODE) @IsString() @IsNotEmpty() @MaxLength(100) household: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...ANSWERS] },
    example: ANSWERS_EXAMPLE,
    description: `Câu trả lời theo mã câu hỏi của phiếu (đúng các câu hỏi của khảo sát, tối đa ${BALLOT_ANSWER_LIMITS.maxKeys}): ${ANSWERS.join(', ')}; câu hỏi chung không được để 'no-answer'`,
  })
  @IsDefined()
  @IsObject()
  answers: Record<string, Answer>;
}

export class PaperFormDto extends BallotDto {}

export class QuestionCountsDto {
  @ApiProperty({ example: 'overall' }) @IsString() @IsNotEmpty() @MaxLength(50) question: string;
  @ApiProperty({ example: 230 }) @IsInt() @Min(0) @Max(MAX_BATCH_FORMS) satisfied: number;
  @ApiProperty({ example: 12 }) @IsInt() @Min(0) @Max(MAX_BATCH_FORMS) notSatisfied: number;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(MAX_BATCH_FORMS) noAnswer: number;
}

export class PaperBatchInputDto {
  @ApiProperty({
    enum: ['forms', 'counts'],
    description: "'forms': từng phiếu; 'counts': các hộ nộp phiếu và số tổng hợp",
  })
  @IsIn(['forms', 'counts'])
  mode: 'forms' | 'counts';
  @ApiPropertyOptional({ type: [PaperFormDto], maxItems: MAX_BATCH_FORMS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BATCH_FORMS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PaperFormDto)
  forms?: PaperFormDto[];
  @ApiPropertyOptional({
    type: [String],
    example: ['ND-0012', 'ND-0013'],
    description: 'Mã các hộ đã nộp phiếu',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_BATCH_FORMS)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  households?: string[];
  @ApiPropertyOptional({ type: [QuestionCountsDto], maxItems: MAX_CRITERIA_QUESTIONS + 1 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CRITERIA_QUESTIONS + 1)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuestionCountsDto)
  counts?: QuestionCountsDto[];
}

export class PaperBatchDto {
  @ApiProperty({
    example: 'nadi-01',
    description: 'Mã tập phiếu của Ban công tác Mặt trận thôn; hai cán bộ nhập cùng mã',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  batchId: string;
  @ApiProperty({ example: 'Thôn Nà Dì' }) @IsString() @IsNotEmpty() @MaxLength(200) village: string;
  @ApiProperty({ type: PaperBatchInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PaperBatchInputDto)
  input: PaperBatchInputDto;
}

export class CloseSurveyDto {
  @ApiPropertyOptional({ type: PostingPlanDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PostingPlanDto)
  posting?: PostingPlanDto;
}

/** Which ballot sheets to print: one village (all when absent) and, for a large selection, which part. */
export class BallotSheetsQueryDto {
  @ApiPropertyOptional({ example: 'Thôn Nà Pài', description: 'Chỉ in phiếu của thôn này' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  village?: string;
  @ApiPropertyOptional({
    default: 1,
    minimum: 1,
    maximum: 1000,
    description: 'Phần thứ mấy khi số phiếu vượt quá 500 phiếu một tệp (số phần ở tiêu đề X-Sheet-Parts)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  part?: number;
}

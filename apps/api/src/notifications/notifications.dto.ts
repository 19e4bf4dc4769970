import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { LIMITS, OptionalTextList } from '../http/constraints';
import { toBoolean } from '../reports/reports.dto';
import { NOTICE_KINDS, type NoticeKind } from '@ntm/read-models';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'true: chỉ thông báo chưa đọc' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread?: boolean;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

/** Mark some notices read (`ids`), or every notice of the inbox (`all: true`). */
export class MarkReadDto {
  @OptionalTextList(200, 2 * LIMITS.code + 20, { description: 'Mã các thông báo đã đọc (tối đa 200)' })
  ids?: string[];
  @ApiPropertyOptional({ description: 'true: đánh dấu đã đọc mọi thông báo' })
  @IsOptional()
  @IsBoolean()
  @IsIn([true])
  all?: boolean;
}

export class InboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: NoticeKind;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) step: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() read: boolean;
}

export class InboxDto {
  @ApiProperty() total: number;
  @ApiProperty() unread: number;
  @ApiProperty({ type: [InboxItemDto] }) items: InboxItemDto[];
}

export class MarkedReadDto {
  @ApiProperty({ description: 'Số thông báo vừa được đánh dấu đã đọc' }) marked: number;
  @ApiProperty({ description: 'Số thông báo còn chưa đọc' }) unread: number;
}

import { BadRequestException, Body, Controller, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ROLES, type Role } from '@ntm/decider';
import { RateLimited } from '../http/rate-limit';
import { Public } from './auth.guard';
import { APP_CONFIG, InvalidTokenError, TokenService, type AppConfig } from '@ntm/application';
import { Answers } from '../http/swagger';

const MINTABLE = ROLES.filter((r) => r !== 'system');

export class MintTokenDto {
  @ApiProperty({ example: 'can-bo-xa-nong-thuong' }) @IsString() @IsNotEmpty() sub: string;
  @ApiPropertyOptional({ example: 'Nguyễn Văn An' }) @IsOptional() @IsString() name?: string;
  @ApiProperty({ enum: MINTABLE }) @IsIn(MINTABLE) role: Role;
  @ApiPropertyOptional({ example: '06' }) @IsOptional() @IsString() provinceCode?: string;
  @ApiPropertyOptional({ example: '058' }) @IsOptional() @IsString() districtCode?: string;
  @ApiPropertyOptional({ example: '01843' }) @IsOptional() @IsString() communeCode?: string;
}

/**
 * Development only: mints bearer tokens for any role. Not mounted when NODE_ENV=production, and refuses to answer
 * there even if mounted (fails closed).
 */
@ApiTags('dev')
@Controller('api/v1/dev/tokens')
export class DevTokensController {
  constructor(
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @RateLimited('sign-in')
  @Post()
  @Answers('DevToken', 201)
  @ApiOperation({ summary: 'Cấp mã truy cập thử nghiệm (chỉ môi trường phát triển)' })
  async mint(@Body() body: MintTokenDto): Promise<{ token: string }> {
    if (this.config.production || !this.config.devTokens)
      throw new NotFoundException({ code: 'NOT_FOUND', message: 'Không có đường dẫn này' });
    try {
      return { token: await this.tokens.mint(body) };
    } catch (e) {
      if (e instanceof InvalidTokenError) throw new BadRequestException({ code: e.code, message: e.message });
      throw e;
    }
  }
}

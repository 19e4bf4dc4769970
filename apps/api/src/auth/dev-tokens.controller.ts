import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ROLES, type Role } from '@ntm/decider';
import { RateLimited } from '../http/rate-limit';
import { Public } from './auth.guard';
import { TokenService } from '@ntm/application';

const MINTABLE = ROLES.filter((r) => r !== 'system');

export class MintTokenDto {
  @ApiProperty({ example: 'can-bo-xa-nong-thuong' }) @IsString() @IsNotEmpty() sub: string;
  @ApiPropertyOptional({ example: 'Nguyễn Văn An' }) @IsOptional() @IsString() name?: string;
  @ApiProperty({ enum: MINTABLE }) @IsIn(MINTABLE) role: Role;
  @ApiPropertyOptional({ example: '06' }) @IsOptional() @IsString() provinceCode?: string;
  @ApiPropertyOptional({ example: '058' }) @IsOptional() @IsString() districtCode?: string;
  @ApiPropertyOptional({ example: '01843' }) @IsOptional() @IsString() communeCode?: string;
}

/** Development only: mints bearer tokens for any role. Not mounted when NODE_ENV=production. */
@ApiTags('dev')
@Controller('api/v1/dev/tokens')
export class DevTokensController {
  constructor(private readonly tokens: TokenService) {}

  @Public()
  @RateLimited('sign-in')
  @Post()
  @ApiOperation({ summary: 'Cấp mã truy cập thử nghiệm (chỉ môi trường phát triển)' })
  async mint(@Body() body: MintTokenDto): Promise<{ token: string }> {
    return { token: await this.tokens.mint(body) };
  }
}

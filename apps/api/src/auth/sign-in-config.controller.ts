import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { Public } from './auth.guard';

/** The claims of the issuer's tokens that carry a user's name, role and administrative codes. */
export class SignInClaimsDto {
  @ApiProperty({ example: 'ntm_role' }) role: string;
  @ApiProperty({ example: 'name' }) name: string;
  @ApiProperty({ example: 'province_code' }) provinceCode: string;
  @ApiProperty({ example: 'district_code' }) districtCode: string;
  @ApiProperty({ example: 'commune_code' }) communeCode: string;
}

export class SignInConfigDto {
  @ApiProperty({ description: 'Có đăng nhập qua OpenID Connect hay không' }) enabled: boolean;
  @ApiPropertyOptional({ example: 'http://127.0.0.1:3000/oidc' }) issuer?: string;
  @ApiPropertyOptional({ example: 'ntm-web' }) clientId?: string;
  @ApiPropertyOptional({ example: 'openid profile ntm' }) scope?: string;
  @ApiPropertyOptional({
    type: SignInClaimsDto,
    description: 'Trường (claim) chứa vai trò và mã đơn vị hành chính',
  })
  claims?: SignInClaimsDto;
}

/** What the web app needs to start a sign-in: the issuer, its client id and scope. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class SignInConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'Cấu hình đăng nhập một lần (OpenID Connect) cho ứng dụng web' })
  @ApiOkResponse({ type: SignInConfigDto })
  signIn(): SignInConfigDto {
    const oidc = this.config.oidc;
    if (!oidc) return { enabled: false };
    const { roleValues: _values, ...claims } = oidc.claims;
    return { enabled: true, issuer: oidc.issuer, clientId: oidc.webClientId, scope: oidc.webScope, claims };
  }
}

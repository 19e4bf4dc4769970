import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiPublic } from '../http/swagger';
import type { Actor } from '@ntm/decider';
import type { AuthenticatedRequest } from './current-actor';
import { decodeJwt } from 'jose';
import { InvalidTokenError, OidcTokenVerifier, TokenService, VerifiedTokens } from '@ntm/application';

export const IS_PUBLIC = 'ntm:isPublic';
/** Marks a route that needs no bearer token (health, docs, dev tokens). */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiPublic());

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Optional() private readonly oidc?: OidcTokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    // The actor is set below; until then the request is only typed as the one it becomes.
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.actor = await this.actorOf(request.headers.authorization);
    return true;
  }

  /** The actor an Authorization header proves (401 otherwise); also used by routes outside Nest (Bull Board). */
  async actorOf(header: string | undefined): Promise<Actor> {
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match)
      throw new UnauthorizedException({
        code: 'UNAUTHENTICATED',
        message: 'Cần đăng nhập: thiếu mã truy cập (Authorization: Bearer)',
      });
    // Fails closed: the actor is set only from a token whose signature, lifetime and claims all check out,
    // here or on an earlier request (then only its expiry is checked again).
    const token = match[1];
    const known = this.verified.get(token);
    if (known) return known;
    try {
      // A token that names the OIDC issuer is verified against the issuer's keys; any other is ours (HS256).
      const actor =
        this.oidc && this.oidc.claimsIssuer(token)
          ? await this.oidc.verify(token)
          : await this.tokens.verify(token);
      this.verified.remember(token, actor, decodeJwt(token).exp);
      return actor;
    } catch (e) {
      if (e instanceof InvalidTokenError)
        throw new UnauthorizedException({ code: e.code, message: e.message });
      throw e;
    }
  }
}

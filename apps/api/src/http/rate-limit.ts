import {
  applyDecorators,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  SkipThrottle,
  ThrottlerGuard,
  ThrottlerModule,
  seconds,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig, TokenService } from '@ntm/application';

/**
 * Requests per client on the routes a stranger can call: the public ballot page (where guessing household codes
 * is the attack) and sign-in. Counts live in Redis, so every API replica shares them; the limits come from
 * configuration (AppConfig.rateLimits).
 */
export const RATE_LIMITS = ['ballots', 'sign-in'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

/** The Redis keys of one limit and client: under the app's key prefix, so test runs never share counts. */
export const rateLimitKey = (prefix: string, name: string, tracker: string): string =>
  `${prefix}:rate-limit:${name}:${tracker}`;

export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): ThrottlerModuleOptions => ({
    throttlers: [
      {
        name: 'ballots',
        limit: config.rateLimits.ballots.limit,
        ttl: seconds(config.rateLimits.ballots.ttlSeconds),
      },
      {
        name: 'sign-in',
        limit: config.rateLimits.signIn.limit,
        ttl: seconds(config.rateLimits.signIn.ttlSeconds),
      },
    ],
    // Created from the URL, so the storage closes its connection when the app shuts down.
    storage: new ThrottlerStorageRedisService(config.redisUrl, { maxRetriesPerRequest: 1 }),
    generateKey: (_context, tracker, name) => rateLimitKey(config.queuePrefix, name, tracker),
  }),
});

/**
 * The throttler guard, with the client identified by its signed-in account when it sends a valid token (a
 * Front officer typing ballots taken by phone has a budget of their own) and by address otherwise; a refusal
 * in Vietnamese; and a Redis that does not answer refuses the request (503) rather than letting it through.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly log = new Logger('RateLimit');

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: TokenService,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const headers = req.headers as Record<string, string | undefined> | undefined;
    const bearer = String(headers?.authorization ?? '').match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      const actor = await this.tokens.verify(bearer).catch(() => undefined);
      if (actor) return `actor:${actor.id}`;
    }
    return `ip:${await super.getTracker(req)}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    try {
      return await super.handleRequest(request);
    } catch (e) {
      if (e instanceof HttpException) throw e;
      this.log.error(`rate limit store unavailable: ${String(e)}`);
      throw new HttpException(
        {
          code: 'RATE_LIMIT_UNAVAILABLE',
          message: 'Dịch vụ tạm thời không sẵn sàng, vui lòng thử lại sau ít phút',
        },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new HttpException(
      {
        code: 'TOO_MANY_REQUESTS',
        message: `Quá nhiều yêu cầu trong thời gian ngắn, vui lòng thử lại sau ${Math.max(1, detail.timeToBlockExpire)} giây`,
        retryAfterSeconds: Math.max(1, detail.timeToBlockExpire),
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Counts the route's requests against one named limit (and no other). */
export const RateLimited = (name: RateLimitName) =>
  applyDecorators(
    SkipThrottle(Object.fromEntries(RATE_LIMITS.filter((n) => n !== name).map((n) => [n, true]))),
    UseGuards(RateLimitGuard),
  );

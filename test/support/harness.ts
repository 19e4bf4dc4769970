import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { testDatabaseUrl, testQueuePrefix } from './test-database';
import request from 'supertest';
import type { Role } from '@ntm/decider';
import { ApiModule } from '../../apps/api/src/app.module';
import { SignJWT, type JWTPayload } from 'jose';
import {
  configFromEnv,
  type AppConfig,
  Clock,
  SharedClock,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
  TokenService,
  type TokenClaims,
} from '@ntm/application';
import { configureHttpApp } from '../../apps/api/src/bootstrap';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** Signs `payload` as it is (see TestApp.rawToken). */
export const signRaw = (secret: string, payload: Record<string, unknown>): Promise<string> => {
  const now = Math.floor(Date.now() / 1000);
  const full: Record<string, unknown> = {
    iss: TOKEN_ISSUER,
    aud: TOKEN_AUDIENCE,
    iat: now,
    exp: now + 8 * 3600,
    ...payload,
  };
  for (const key of Object.keys(full)) if (full[key] === undefined) delete full[key];
  return new SignJWT(full as JWTPayload)
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));
};

/** A clock tests can set; by default it follows real time. */
export class TestClock extends Clock {
  private fixed: Date | null = null;
  now(): Date {
    return this.fixed ?? new Date();
  }
  set(iso: string | null): void {
    this.fixed = iso ? new Date(iso) : null;
  }
  fixedAt(): string | null {
    return this.fixed?.toISOString() ?? null;
  }
}

export interface TestApp {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly config: AppConfig;
  readonly clock: TestClock;
  token(role: Role, claims?: Partial<TokenClaims>): Promise<string>;
  /**
   * Signs any payload with the app's key, unchecked (TokenService.mint refuses claims verify would refuse):
   * for tests of what the API refuses. `iss`, `aud`, `iat` and an 8-hour `exp` are added unless given;
   * a key given as `undefined` is left out.
   */
  rawToken(payload: Record<string, unknown>): Promise<string>;
  /** The app's own "now": the TestClock's, or the shared clock's of a realClock app. */
  now(): Date;
  /** Runs `act` with the app's "now" at `iso`, then puts the clock back as it was (whichever clock the app has). */
  during<T>(iso: string, act: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const dropSchema = async (schema: string) => {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
};

/**
 * Boots the real application on the real PostgreSQL and Redis, in a schema and queue prefix of its own,
 * so test files never see each other's data.
 */
export const startTestApp = async (
  name: string,
  /** realClock: keep the app's own clock (the shared, movable one outside production) instead of the TestClock. */
  options: { worker?: boolean; config?: Partial<AppConfig>; realClock?: boolean } = {},
): Promise<TestApp> => {
  const schema = `t_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`;
  await dropSchema(schema);
  const config: AppConfig = {
    ...configFromEnv({ ...process.env, NODE_ENV: 'test' }),
    databaseUrl: testDatabaseUrl(),
    schema,
    queuePrefix: testQueuePrefix(schema),
    runWorker: options.worker ?? true,
    // The demo sign-in provider only where a test asks for it (the browser tests).
    devOidc: false,
    oidc: undefined,
    ...options.config,
  };
  const clock = new TestClock();
  // Loaded only when asked for, so API-only tests do not start the worker's subscriptions and queues.
  const root = config.runWorker
    ? (await import('../../apps/single-process.module')).SingleProcessModule.forRoot(config)
    : ApiModule.forRoot(config);
  const builder = Test.createTestingModule({ imports: [root] });
  const moduleRef = await (
    options.realClock ? builder : builder.overrideProvider(Clock).useValue(clock)
  ).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    logger: ['error', 'warn'],
    rawBody: true,
  });
  configureHttpApp(app);
  await app.init();
  const tokens = new TokenService(config.jwtSecret, config.tokenMaxTtlSeconds);
  const appClock = moduleRef.get(Clock);
  let n = 0;
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    clock,
    token: (role, claims = {}) => tokens.mint({ sub: `${role}-${++n}`, role, ...claims }),
    rawToken: (payload) => signRaw(config.jwtSecret, payload),
    now: () => appClock.now(),
    during: async (iso, act) => {
      if (appClock instanceof SharedClock) {
        const offset = appClock.offset();
        await appClock.setOffset(Date.parse(iso) - Date.now());
        try {
          return await act();
        } finally {
          await appClock.setOffset(offset);
        }
      }
      const fixed = clock.fixedAt();
      clock.set(iso);
      try {
        return await act();
      } finally {
        clock.set(fixed);
      }
    },
    close: () => app.close(),
  };
};

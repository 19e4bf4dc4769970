import type { S3Settings } from '@ntm/documents';
import { DEFAULT_TOKEN_MAX_TTL_SECONDS, parseDuration } from './duration';

/** Everything the apps read from the environment, in one typed object. Tests build their own. */
export interface AppConfig {
  readonly port: number;
  /** Address the API alone listens on (HOST, default 0.0.0.0; the single process keeps 127.0.0.1). */
  readonly host: string;
  readonly production: boolean;
  readonly databaseUrl: string;
  /** PostgreSQL schema for the event store, read models and bookkeeping (tests use one per file). */
  readonly schema: string;
  readonly eventStore: 'postgres' | 'eventstoredb';
  readonly eventStoreDbUrl?: string;
  readonly redisUrl: string;
  /** BullMQ key prefix (tests use one per file). */
  readonly queuePrefix: string;
  readonly jwtSecret: string;
  /** Dev-only route that mints tokens; never on in production. */
  readonly devTokens: boolean;
  /** Key of the keyed hash that makes survey ballots anonymous. */
  readonly surveyHmacKey: string;
  /** Where evidence files live, shared by every API replica: PostgreSQL (default) or an S3-compatible bucket. */
  readonly documentStore: 'postgres' | 's3';
  /** Largest accepted upload, in bytes (DOCUMENT_MAX_BYTES, default 20 MiB). */
  readonly documentMaxBytes: number;
  /** The bucket when documentStore is 's3'. */
  readonly s3?: S3Settings;
  /**
   * Accept online ballots without a token (the public ballot page, where the household code is the only
   * proof). Off unless the province hands out household codes nobody can guess.
   */
  readonly publicBallots: boolean;
  /** Run the worker (projections, timers) inside the API process. */
  readonly runWorker: boolean;
  /** pino level: `info` by default, `warn` under test. */
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Bearer token Prometheus sends to /metrics; without one, /metrics is open outside production and off in it. */
  readonly metricsToken?: string;
  /** Longest bearer-token lifetime (exp - iat) accepted, in seconds (TOKEN_MAX_TTL). */
  readonly tokenMaxTtlSeconds: number;
  /** Origins a browser may call the API from (CORS_ORIGINS); empty: no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  /**
   * How many reverse proxies stand in front of the API (TRUST_PROXY, default 0): the client address that rate
   * limits count is read from X-Forwarded-For only through that many hops, never further.
   */
  readonly trustProxyHops: number;
  /** Serve the OpenAPI document and its page: always in development, in production only with OPENAPI=on. */
  readonly openApi: boolean;
  /**
   * Fewest forms in one paper batch of a new survey (SURVEY_MIN_BATCH_FORMS, default 5): a batch's counts are
   * stored with its households, so a small batch would show a household's answers. UNVERIFIED figure.
   */
  readonly surveyMinimumBatchForms: number;
  /** Requests per client and window, counted in Redis so every replica shares the count. */
  readonly rateLimits: {
    /** The online ballot route (RATE_LIMIT_BALLOTS, "requests/seconds", default 20/60). */
    readonly ballots: RateLimit;
    /** Sign-in routes (RATE_LIMIT_SIGN_IN, default 10/60). */
    readonly signIn: RateLimit;
  };
  /**
   * Dev-only: a clock operators can move (POST /api/v1/dev/clock), its offset shared by every process through
   * PostgreSQL. Never on in production.
   */
  readonly movableClock: boolean;
  /**
   * How long an amendment of a movement's quotas may take from marking the quotas to recording itself
   * (QUOTA_AMENDMENT_LEASE, default 60s); after it, a nomination the marks refuse records the amendment as lapsed.
   */
  readonly quotaAmendmentLeaseSeconds: number;
  /** How often the worker schedules again every pending timer that lost its BullMQ job. Default 30 s. */
  readonly timerReconcileMs: number;
  /**
   * The people a step waits for are reminded when this many working days are left before its due date (2 by
   * default; 0: no reminders). Read when a step opens: a change applies to steps opened after it.
   */
  readonly deadlineReminderWorkingDays: number;
  /**
   * Tokens from an OpenID Connect issuer (the province's single sign-on; in development the built-in demo
   * provider under /oidc). Undefined: only the HS256 tokens of TokenService are accepted.
   */
  readonly oidc?: OidcConfig;
  /** Run the demo OpenID Connect provider under /oidc (development and demo only; never in production). */
  readonly devOidc?: boolean;
  /** Where the built web application is (served at /, with the SPA's fallback for paths outside /api). */
  readonly webDir?: string;
  /** The address users reach the app at (redirect URIs of the demo provider). */
  readonly publicUrl?: string;
  /** E-mail of notifications through SMTP; undefined (no SMTP_URL): no mail is sent. */
  readonly mail?: MailConfig;
}

export interface MailConfig {
  /** SMTP_URL, e.g. `smtps://user:pass@smtp.backan.gov.vn:465`. */
  readonly smtpUrl: string;
  /** MAIL_FROM: the sender shown to recipients. */
  readonly from: string;
  /**
   * MAIL_DIRECTORY: a JSON file listing who gets mail (`[{ "email", "role", "provinceCode", "districtCode"?,
   * "communeCode"? }]`). Unset: the demo users' addresses outside production, nobody in production.
   */
  readonly directoryFile?: string;
}

export interface RateLimit {
  readonly limit: number;
  readonly ttlSeconds: number;
}

/** "20/60": 20 requests per 60 seconds. */
const rateLimit = (
  name: string,
  value: string | undefined,
  fallback: RateLimit,
  problems: string[],
): RateLimit => {
  if (value === undefined || value === '') return fallback;
  const match = value.trim().match(/^(\d{1,6})\/(\d{1,6})$/);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    problems.push(`${name} must look like <requests>/<seconds>, e.g. 20/60: "${value}"`);
    return fallback;
  }
  return { limit: Number(match[1]), ttlSeconds: Number(match[2]) };
};

const minimumBatchForms = (value: string | undefined, problems: string[]): number => {
  if (value === undefined || value === '') return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5000) {
    problems.push(`SURVEY_MIN_BATCH_FORMS must be a whole number from 1 to 5000: "${value}"`);
    return 5;
  }
  return n;
};

/** Which claims of an OIDC access token carry the role, the name and the administrative codes. */
export interface OidcClaimMapping {
  readonly role: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly districtCode: string;
  readonly communeCode: string;
  /** The issuer's role names mapped to ours (e.g. `CB_XA` → commune_officer); a name not listed is used as is. */
  readonly roleValues: Readonly<Record<string, string>>;
}

export interface OidcConfig {
  readonly issuer: string;
  readonly audience: string;
  /** Default: the issuer's discovery document (`jwks_uri`), else `<issuer>/jwks`. */
  readonly jwksUri?: string;
  readonly claims: OidcClaimMapping;
  /** The web application's client id at the issuer, and the scope it asks for. */
  readonly webClientId: string;
  readonly webScope: string;
}

export const DEFAULT_OIDC_CLAIMS: OidcClaimMapping = {
  role: 'ntm_role',
  name: 'name',
  provinceCode: 'province_code',
  districtCode: 'district_code',
  communeCode: 'commune_code',
  roleValues: {},
};

const parseRoleValues = (raw: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (raw ?? '')
      .split(',')
      .map((pair) => pair.split('=').map((x) => x.trim()))
      .filter((kv): kv is [string, string] => kv.length === 2 && !!kv[0] && !!kv[1]),
  );

/** OIDC settings: OIDC_ISSUER (+ OIDC_AUDIENCE, OIDC_JWKS_URI, OIDC_CLAIM_*), or the demo provider's. */
export const oidcFromEnv = (
  env: NodeJS.ProcessEnv,
  port: number,
  devOidc: boolean,
): OidcConfig | undefined => {
  const issuer =
    env.OIDC_ISSUER ?? (devOidc ? `${env.PUBLIC_URL ?? `http://127.0.0.1:${port}`}/oidc` : undefined);
  if (!issuer) return undefined;
  return {
    issuer,
    audience: env.OIDC_AUDIENCE ?? 'ntm-dossiers-api',
    jwksUri: env.OIDC_JWKS_URI,
    claims: {
      role: env.OIDC_CLAIM_ROLE ?? DEFAULT_OIDC_CLAIMS.role,
      name: env.OIDC_CLAIM_NAME ?? DEFAULT_OIDC_CLAIMS.name,
      provinceCode: env.OIDC_CLAIM_PROVINCE ?? DEFAULT_OIDC_CLAIMS.provinceCode,
      districtCode: env.OIDC_CLAIM_DISTRICT ?? DEFAULT_OIDC_CLAIMS.districtCode,
      communeCode: env.OIDC_CLAIM_COMMUNE ?? DEFAULT_OIDC_CLAIMS.communeCode,
      roleValues: parseRoleValues(env.OIDC_ROLE_VALUES),
    },
    webClientId: env.OIDC_WEB_CLIENT_ID ?? 'ntm-web',
    webScope: env.OIDC_WEB_SCOPE ?? 'openid profile ntm',
  };
};

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The development defaults in this source; in production a secret equal to one of them is refused. */
export const DEV_JWT_SECRET = 'ntm-dev-secret-change-me-in-production-0123456789';
export const DEV_SURVEY_HMAC_KEY = 'ntm-dev-survey-key';
/** Shortest secret accepted, in bytes (UTF-8): 256 bits, the size of the HMAC-SHA256 key. */
export const MIN_SECRET_BYTES = 32;

const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** DOCUMENT_STORE, DOCUMENT_MAX_BYTES and the S3_* variables; throws naming a wrong one. */
export const documentConfigFromEnv = (
  env: NodeJS.ProcessEnv,
): Pick<AppConfig, 'documentStore' | 'documentMaxBytes' | 's3'> => {
  const store = env.DOCUMENT_STORE?.trim() || 'postgres';
  if (store !== 'postgres' && store !== 's3')
    throw new Error(`DOCUMENT_STORE must be "postgres" or "s3", got "${store}"`);
  const rawMax = env.DOCUMENT_MAX_BYTES?.trim();
  if (rawMax && (!/^\d+$/.test(rawMax) || Number(rawMax) < 1 || !Number.isSafeInteger(Number(rawMax))))
    throw new Error(`DOCUMENT_MAX_BYTES must be a positive whole number of bytes, got "${rawMax}"`);
  const documentMaxBytes = rawMax ? Number(rawMax) : DEFAULT_DOCUMENT_MAX_BYTES;
  if (store === 'postgres') return { documentStore: store, documentMaxBytes };
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new Error('S3_BUCKET must be set when DOCUMENT_STORE=s3');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  return {
    documentStore: store,
    documentMaxBytes,
    s3: {
      bucket,
      endpoint,
      region: env.S3_REGION?.trim() || 'us-east-1',
      // S3-compatible servers (MinIO, Ceph...) are addressed by path; AWS by virtual host.
      forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'on' : endpoint !== undefined,
      accessKeyId: env.S3_ACCESS_KEY_ID?.trim() || undefined,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
      prefix: env.S3_PREFIX?.trim() ?? '',
    },
  };
};

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

const logLevelOf = (env: NodeJS.ProcessEnv): AppConfig['logLevel'] => {
  const wanted = env.LOG_LEVEL as AppConfig['logLevel'] | undefined;
  if (wanted && LOG_LEVELS.includes(wanted)) return wanted;
  return env.NODE_ENV === 'test' ? 'warn' : 'info';
};

/** The environment cannot run the system: names every missing or weak variable, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Refused to start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const secretProblems = (
  name: string,
  value: string | undefined,
  devDefault: string,
  production: boolean,
): string[] => {
  if (value === undefined || value === '')
    return production ? [`${name} is missing (required in production)`] : [];
  // The development survey key predates the 32-byte rule; outside production the defaults stay usable.
  if (!production && value === devDefault) return [];
  const problems: string[] = [];
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < MIN_SECRET_BYTES)
    problems.push(`${name} is too short: ${bytes} bytes, at least ${MIN_SECRET_BYTES}`);
  if (production && value === devDefault) problems.push(`${name} is the development default from the source`);
  else if (production && bytes >= MIN_SECRET_BYTES && new Set(value).size < 8)
    problems.push(`${name} is weak: fewer than 8 distinct characters`);
  return problems;
};

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

const EVENT_STORES = ['postgres', 'eventstoredb'] as const;

/**
 * Validates the environment @nestjs/config hands over (config.module.ts is the only caller given the real one).
 * Refuses (ConfigError naming every problem at once) a value it cannot use; in production also a missing, short
 * (< 32 bytes) or development-default JWT_SECRET or SURVEY_HMAC_KEY, or the two equal.
 */
export const configFromEnv = (env: NodeJS.ProcessEnv): AppConfig => {
  const production = env.NODE_ENV === 'production';
  const problems = [
    ...secretProblems('JWT_SECRET', env.JWT_SECRET, DEV_JWT_SECRET, production),
    ...secretProblems('SURVEY_HMAC_KEY', env.SURVEY_HMAC_KEY, DEV_SURVEY_HMAC_KEY, production),
  ];
  if (production && env.JWT_SECRET && env.JWT_SECRET === env.SURVEY_HMAC_KEY)
    problems.push('JWT_SECRET and SURVEY_HMAC_KEY must differ');
  const tokenMaxTtlSeconds = parseDuration(env.TOKEN_MAX_TTL ?? '') ?? DEFAULT_TOKEN_MAX_TTL_SECONDS;
  if (env.TOKEN_MAX_TTL !== undefined && !(parseDuration(env.TOKEN_MAX_TTL)! > 0))
    problems.push(`TOKEN_MAX_TTL is not a duration such as 12h, 30m or 3600: "${env.TOKEN_MAX_TTL}"`);
  const quotaAmendmentLeaseSeconds = parseDuration(env.QUOTA_AMENDMENT_LEASE ?? '60s') ?? 60;
  if (env.QUOTA_AMENDMENT_LEASE !== undefined && !(parseDuration(env.QUOTA_AMENDMENT_LEASE)! > 0))
    problems.push(
      `QUOTA_AMENDMENT_LEASE is not a duration such as 60s or 5m: "${env.QUOTA_AMENDMENT_LEASE}"`,
    );
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of corsOrigins.filter((o) => !ORIGIN.test(o)))
    problems.push(`CORS_ORIGINS holds "${origin}", which is not an origin such as https://ntm.backan.gov.vn`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT is not a port number: "${env.PORT}"`);
  const surveyMinimumBatchForms = minimumBatchForms(env.SURVEY_MIN_BATCH_FORMS, problems);
  const rateLimits = {
    ballots: rateLimit('RATE_LIMIT_BALLOTS', env.RATE_LIMIT_BALLOTS, { limit: 20, ttlSeconds: 60 }, problems),
    signIn: rateLimit('RATE_LIMIT_SIGN_IN', env.RATE_LIMIT_SIGN_IN, { limit: 10, ttlSeconds: 60 }, problems),
  };
  let documents: ReturnType<typeof documentConfigFromEnv> = {
    documentStore: 'postgres',
    documentMaxBytes: 0,
  };
  try {
    documents = documentConfigFromEnv(env);
  } catch (e) {
    problems.push((e as Error).message);
  }
  const devOidc = !production && env.DEV_OIDC !== 'off' && !env.OIDC_ISSUER;
  const trustProxyHops = Number(env.TRUST_PROXY ?? 0);
  if (!Number.isInteger(trustProxyHops) || trustProxyHops < 0 || trustProxyHops > 10)
    problems.push(`TRUST_PROXY is the number of proxies in front of the API, 0 to 10: "${env.TRUST_PROXY}"`);
  const deadlineReminderWorkingDays = Number(env.DEADLINE_REMINDER_WORKING_DAYS ?? 2);
  if (
    !Number.isInteger(deadlineReminderWorkingDays) ||
    deadlineReminderWorkingDays < 0 ||
    deadlineReminderWorkingDays > 20
  )
    problems.push(
      `DEADLINE_REMINDER_WORKING_DAYS is a number of working days, 0 (no reminders) to 20: "${env.DEADLINE_REMINDER_WORKING_DAYS}"`,
    );
  const smtpUrl = env.SMTP_URL?.trim();
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  const eventStore = (env.EVENT_STORE?.trim() || 'postgres') as AppConfig['eventStore'];
  if (!EVENT_STORES.includes(eventStore))
    problems.push(`EVENT_STORE must be one of ${EVENT_STORES.join(', ')}: "${env.EVENT_STORE}"`);
  else if (eventStore === 'eventstoredb' && !env.EVENTSTOREDB_URL)
    problems.push('EVENT_STORE=eventstoredb needs EVENTSTOREDB_URL');
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    production,
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ntm',
    schema: env.DB_SCHEMA ?? 'public',
    eventStore,
    eventStoreDbUrl: env.EVENTSTOREDB_URL,
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: env.QUEUE_PREFIX ?? 'ntm',
    jwtSecret: env.JWT_SECRET || DEV_JWT_SECRET,
    devTokens: !production && env.DEV_TOKENS !== 'off',
    surveyHmacKey: env.SURVEY_HMAC_KEY || DEV_SURVEY_HMAC_KEY,
    ...documents,
    publicBallots: env.PUBLIC_BALLOTS === 'on',
    runWorker: env.RUN_WORKER !== 'off',
    logLevel: logLevelOf(env),
    metricsToken: env.METRICS_TOKEN || undefined,
    tokenMaxTtlSeconds,
    corsOrigins,
    trustProxyHops,
    openApi: production ? env.OPENAPI === 'on' : env.OPENAPI !== 'off',
    surveyMinimumBatchForms,
    rateLimits,
    movableClock: !production && env.MOVABLE_CLOCK !== 'off',
    quotaAmendmentLeaseSeconds,
    timerReconcileMs: Number(env.TIMER_RECONCILE_MS ?? 30_000),
    deadlineReminderWorkingDays,
    devOidc,
    oidc: oidcFromEnv(env, port, devOidc),
    webDir: env.WEB_DIR ?? 'dist/web',
    publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    mail: smtpUrl
      ? {
          smtpUrl,
          from: env.MAIL_FROM?.trim() || 'Hệ thống hồ sơ nông thôn mới <no-reply@localhost>',
          directoryFile: env.MAIL_DIRECTORY?.trim() || undefined,
        }
      : undefined,
  };
};

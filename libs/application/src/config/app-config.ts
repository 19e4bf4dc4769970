/** Everything the apps read from the environment, in one typed object. Tests build their own. */
export interface AppConfig {
  readonly port: number;
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
  readonly documentsDir: string;
  /**
   * Accept online ballots without a token (the public ballot page, where the household code is the only
   * proof). Off unless the province hands out household codes nobody can guess.
   */
  readonly publicBallots: boolean;
  /** Run the worker (projections, timers) inside the API process. */
  readonly runWorker: boolean;
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
}

export interface RateLimit {
  readonly limit: number;
  readonly ttlSeconds: number;
}

/** "20/60": 20 requests per 60 seconds. */
const rateLimit = (name: string, value: string | undefined, fallback: RateLimit): RateLimit => {
  if (value === undefined || value === '') return fallback;
  const match = value.trim().match(/^(\d{1,6})\/(\d{1,6})$/);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
    throw new Error(`${name} must look like <requests>/<seconds>, e.g. 20/60`);
  }
  return { limit: Number(match[1]), ttlSeconds: Number(match[2]) };
};

const minimumBatchForms = (value: string | undefined): number => {
  if (value === undefined || value === '') return 5;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5000) {
    throw new Error('SURVEY_MIN_BATCH_FORMS must be a whole number from 1 to 5000');
  }
  return n;
};

export const APP_CONFIG = Symbol('APP_CONFIG');

const DEV_SECRET = 'ntm-dev-secret-change-me-in-production-0123456789';

export const configFromEnv = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? (production ? '' : DEV_SECRET);
  if (!jwtSecret || jwtSecret.length < 32) throw new Error('JWT_SECRET must be set (at least 32 characters)');
  const surveyHmacKey = env.SURVEY_HMAC_KEY ?? (production ? '' : 'ntm-dev-survey-key');
  if (!surveyHmacKey) throw new Error('SURVEY_HMAC_KEY must be set in production');
  return {
    port: Number(env.PORT ?? 3000),
    production,
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ntm',
    schema: env.DB_SCHEMA ?? 'public',
    eventStore: env.EVENT_STORE === 'eventstoredb' ? 'eventstoredb' : 'postgres',
    eventStoreDbUrl: env.EVENTSTOREDB_URL,
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: env.QUEUE_PREFIX ?? 'ntm',
    jwtSecret,
    devTokens: !production && env.DEV_TOKENS !== 'off',
    surveyHmacKey,
    documentsDir: env.DOCUMENTS_DIR ?? './var/documents',
    publicBallots: env.PUBLIC_BALLOTS === 'on',
    runWorker: env.RUN_WORKER !== 'off',
    surveyMinimumBatchForms: minimumBatchForms(env.SURVEY_MIN_BATCH_FORMS),
    rateLimits: {
      ballots: rateLimit('RATE_LIMIT_BALLOTS', env.RATE_LIMIT_BALLOTS, { limit: 20, ttlSeconds: 60 }),
      signIn: rateLimit('RATE_LIMIT_SIGN_IN', env.RATE_LIMIT_SIGN_IN, { limit: 10, ttlSeconds: 60 }),
    },
  };
};

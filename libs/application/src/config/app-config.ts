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
   * Dev-only: a clock operators can move (POST /api/v1/dev/clock), its offset shared by every process through
   * PostgreSQL. Never on in production.
   */
  readonly movableClock: boolean;
  /** How often the worker schedules again every pending timer that lost its BullMQ job. Default 30 s. */
  readonly timerReconcileMs: number;
}

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
    movableClock: !production && env.MOVABLE_CLOCK !== 'off',
    timerReconcileMs: Number(env.TIMER_RECONCILE_MS ?? 30_000),
  };
};

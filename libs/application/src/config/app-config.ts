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
  /** Where evidence files live, shared by every API replica: PostgreSQL (default) or an S3-compatible bucket. */
  readonly documentStore: 'postgres' | 's3';
  /** Largest accepted upload, in bytes (DOCUMENT_MAX_BYTES, default 20 MiB). */
  readonly documentMaxBytes: number;
  /** The bucket when documentStore is 's3'. */
  readonly s3?: DocumentBucketConfig;
  /**
   * Accept online ballots without a token (the public ballot page, where the household code is the only
   * proof). Off unless the province hands out household codes nobody can guess.
   */
  readonly publicBallots: boolean;
  /** Run the worker (projections, timers) inside the API process. */
  readonly runWorker: boolean;
}

export interface DocumentBucketConfig {
  readonly bucket: string;
  readonly endpoint?: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly prefix: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

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
    ...documentConfigFromEnv(env),
    publicBallots: env.PUBLIC_BALLOTS === 'on',
    runWorker: env.RUN_WORKER !== 'off',
  };
};

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
}

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

const DEV_SECRET = 'ntm-dev-secret-change-me-in-production-0123456789';

export const configFromEnv = (env: NodeJS.ProcessEnv = process.env): AppConfig => {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? (production ? '' : DEV_SECRET);
  if (!jwtSecret || jwtSecret.length < 32) throw new Error('JWT_SECRET must be set (at least 32 characters)');
  const surveyHmacKey = env.SURVEY_HMAC_KEY ?? (production ? '' : 'ntm-dev-survey-key');
  if (!surveyHmacKey) throw new Error('SURVEY_HMAC_KEY must be set in production');
  const port = Number(env.PORT ?? 3000);
  const devOidc = !production && env.DEV_OIDC !== 'off' && !env.OIDC_ISSUER;
  return {
    port,
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
    devOidc,
    oidc: oidcFromEnv(env, port, devOidc),
    webDir: env.WEB_DIR ?? 'dist/web',
    publicUrl: env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
  };
};

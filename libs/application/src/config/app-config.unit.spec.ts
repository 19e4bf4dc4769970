import {
  ConfigError,
  DEV_JWT_SECRET,
  DEV_SURVEY_HMAC_KEY,
  configFromEnv,
  loadAppConfig,
} from '@ntm/application';

const strong = {
  JWT_SECRET: 'Jq7v2ZkP9xW4mT1sR8nL3bY6hC0dF5gA-jwt',
  SURVEY_HMAC_KEY: 'Hs4kN8pQ2wE6rT0yU3iO7aS1dF5gJ9lZ-hmac',
};
const problemsOf = (env: NodeJS.ProcessEnv): readonly string[] => {
  try {
    configFromEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('configFromEnv', () => {
  it('refuses an unknown EVENT_STORE and an eventstoredb without URL', () => {
    expect(problemsOf({ EVENT_STORE: 'mongo' })).toEqual([
      'EVENT_STORE must be one of postgres, eventstoredb: "mongo"',
    ]);
    expect(problemsOf({ EVENT_STORE: 'eventstoredb' })).toEqual([
      'EVENT_STORE=eventstoredb needs EVENTSTOREDB_URL',
    ]);
  });

  it('runs in development with the defaults: OpenAPI on, no CORS, 12-hour tokens', () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({ production: false, openApi: true, corsOrigins: [], devTokens: true });
    expect(config.tokenMaxTtlSeconds).toBe(12 * 3600);
  });

  it('refuses in production every missing secret at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      'JWT_SECRET is missing (required in production)',
      'SURVEY_HMAC_KEY is missing (required in production)',
    ]);
  });

  it('refuses in production the development defaults and short secrets, naming each variable', () => {
    expect(
      problemsOf({
        NODE_ENV: 'production',
        JWT_SECRET: DEV_JWT_SECRET,
        SURVEY_HMAC_KEY: DEV_SURVEY_HMAC_KEY,
      }),
    ).toEqual([
      'JWT_SECRET is the development default from the source',
      'SURVEY_HMAC_KEY is too short: 18 bytes, at least 32',
      'SURVEY_HMAC_KEY is the development default from the source',
    ]);
    const short = problemsOf({
      NODE_ENV: 'production',
      JWT_SECRET: strong.JWT_SECRET,
      SURVEY_HMAC_KEY: 'abc',
    });
    expect(short).toEqual(['SURVEY_HMAC_KEY is too short: 3 bytes, at least 32']);
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'a'.repeat(40), SURVEY_HMAC_KEY: 'b'.repeat(40) }),
    ).toEqual([
      'JWT_SECRET is weak: fewer than 8 distinct characters',
      'SURVEY_HMAC_KEY is weak: fewer than 8 distinct characters',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        JWT_SECRET: strong.JWT_SECRET,
        SURVEY_HMAC_KEY: strong.JWT_SECRET,
      }),
    ).toEqual(['JWT_SECRET and SURVEY_HMAC_KEY must differ']);
  });

  it('accepts strong secrets in production: OpenAPI off unless OPENAPI=on, no dev tokens', () => {
    const config = configFromEnv({ NODE_ENV: 'production', ...strong });
    expect(config).toMatchObject({ production: true, openApi: false, devTokens: false });
    expect(configFromEnv({ NODE_ENV: 'production', ...strong, OPENAPI: 'on' }).openApi).toBe(true);
  });

  it('reads TOKEN_MAX_TTL and CORS_ORIGINS, refusing malformed values', () => {
    const config = configFromEnv({
      TOKEN_MAX_TTL: '30m',
      CORS_ORIGINS: 'https://ntm.backan.gov.vn, http://localhost:5173',
    });
    expect(config.tokenMaxTtlSeconds).toBe(1800);
    expect(config.corsOrigins).toEqual(['https://ntm.backan.gov.vn', 'http://localhost:5173']);
    expect(problemsOf({ TOKEN_MAX_TTL: 'forever', CORS_ORIGINS: '*' })).toEqual([
      'TOKEN_MAX_TTL is not a duration such as 12h, 30m or 3600: "forever"',
      'CORS_ORIGINS holds "*", which is not an origin such as https://ntm.backan.gov.vn',
    ]);
  });

  it('sends no mail without SMTP_URL; reads SMTP_URL, MAIL_FROM and MAIL_DIRECTORY; refuses another scheme', () => {
    expect(configFromEnv({}).mail).toBeUndefined();
    expect(
      configFromEnv({
        SMTP_URL: 'smtps://ntm:secret@smtp.backan.gov.vn:465',
        MAIL_FROM: 'VP Điều phối NTM <ntm@backan.gov.vn>',
        MAIL_DIRECTORY: '/etc/ntm/danh-ba.json',
      }).mail,
    ).toEqual({
      smtpUrl: 'smtps://ntm:secret@smtp.backan.gov.vn:465',
      from: 'VP Điều phối NTM <ntm@backan.gov.vn>',
      directoryFile: '/etc/ntm/danh-ba.json',
    });
    expect(problemsOf({ SMTP_URL: 'http://smtp.backan.gov.vn' })).toEqual([
      'SMTP_URL must start with smtp:// or smtps://',
    ]);
  });

  it('reminds of a deadline 2 working days before by default; DEADLINE_REMINDER_WORKING_DAYS 0 to 20', () => {
    expect(configFromEnv({}).deadlineReminderWorkingDays).toBe(2);
    expect(configFromEnv({ DEADLINE_REMINDER_WORKING_DAYS: '0' }).deadlineReminderWorkingDays).toBe(0);
    expect(configFromEnv({ DEADLINE_REMINDER_WORKING_DAYS: '5' }).deadlineReminderWorkingDays).toBe(5);
    for (const bad of ['-1', '1.5', '21', 'hai'])
      expect(problemsOf({ DEADLINE_REMINDER_WORKING_DAYS: bad })).toEqual([
        `DEADLINE_REMINDER_WORKING_DAYS is a number of working days, 0 (no reminders) to 20: "${bad}"`,
      ]);
  });

  it('gives an amendment of quotas 60 s between marking and recording by default; QUOTA_AMENDMENT_LEASE a duration', () => {
    expect(configFromEnv({}).quotaAmendmentLeaseSeconds).toBe(60);
    expect(configFromEnv({ QUOTA_AMENDMENT_LEASE: '5m' }).quotaAmendmentLeaseSeconds).toBe(300);
    for (const bad of ['0', 'một phút'])
      expect(problemsOf({ QUOTA_AMENDMENT_LEASE: bad })).toEqual([
        `QUOTA_AMENDMENT_LEASE is not a duration such as 60s or 5m: "${bad}"`,
      ]);
  });

  it('refuses a short secret even in development', () => {
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual(['JWT_SECRET is too short: 5 bytes, at least 32']);
  });
});

describe('loadAppConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads the process environment through @nestjs/config and validates it whole', async () => {
    process.env.PORT = '3456';
    process.env.HOST = '127.0.0.2';
    expect(await loadAppConfig()).toMatchObject({ port: 3456, host: '127.0.0.2' });
    process.env.PORT = 'x';
    process.env.EVENT_STORE = 'mongo';
    const refused = await loadAppConfig().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      'PORT is not a port number: "x"',
      'EVENT_STORE must be one of postgres, eventstoredb: "mongo"',
    ]);
  });
});

import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ProjectionCheckpoints } from '@ntm/read-models/runner';
import { ROLES, type Role } from '@ntm/decider';
import { TokenService, loadAppConfig, openDatabase } from '@ntm/application';
import { createEventStore } from '@ntm/event-store';
import { recognitionUpcasters } from '@ntm/recognition';
import { loadFile } from './load';
import { READ_MODEL_ENTITIES, READ_MODEL_MIGRATIONS } from '@ntm/read-models';
import { appointDemoBoard, refuseDemoInProduction, walkDemoDossier } from './demo';
import { rebuildReadModels } from './rebuild';
import { demoUsers } from './demo-data';

const USAGE = `ntm cli
  token --role <role> [--sub id] [--name "Họ tên"] [--province 06] [--district 058] [--commune 01843] [--ttl 8h]
        mint a development bearer token, refused in production (roles: ${ROLES.filter((r) => r !== 'system').join(', ')})
  demo  [--base http://127.0.0.1:3000]...
        walk the demo dossier over HTTP against a running server, refused in production; with several API
        processes, give each one's --base (the walk goes through the first; each must read the moved clock)
  migrate
        create the database if missing and bring the event store and read-model schemas to the latest version
        (the api and the worker also do it at start, under a lock; deployments run it once before them)
  rebuild [projection...]
        rebuild read models blue/green (all, or the named ones); the live tables answer until the switch
  projections
        list projections and process managers: position, status, last error
  resume <name>
        let a parked projection run again once its cause is fixed (its failed event is tried first)
  criteria-set load <file.json>
        validate and load a criteria set (errors name the line and field; nothing is written on any error)
  holidays load <file.json>
        load a year's days off and swapped working days ({"year","daysOff","workingDays","provisional","source"});
        errors name the line and field, nothing is written on any error; deadlines count on it at once
  units load <file.json>
        apply changes to the register of administrative units ({"changes": [...]}: register, rename, merge,
        dissolve, each with its basis); all or nothing, problems listed by change
  province-procedure load <file.json>
        validate and load a province's internal procedure over the national default`;

const main = async () => {
  const [command, ...rest] = process.argv.slice(2);
  const config = await loadAppConfig();
  const tokens = new TokenService(config.jwtSecret, config.tokenMaxTtlSeconds);
  if (command === 'token') {
    // Production users get tokens from the identity provider; a token minted here would bypass it.
    if (config.production) throw new Error('token: refused in production (NODE_ENV=production)');
    const { values } = parseArgs({
      args: rest,
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        province: { type: 'string' },
        district: { type: 'string' },
        commune: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
    });
    const role = values.role as Role;
    if (!ROLES.includes(role) || role === 'system')
      throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    const token = await tokens.mint(
      {
        sub: values.sub ?? `dev-${role}`,
        name: values.name,
        role,
        provinceCode: values.province,
        districtCode: values.district,
        communeCode: values.commune,
      },
      values.ttl,
    );
    process.stdout.write(`${token}\n`);
    return;
  }
  if (command === 'demo') {
    refuseDemoInProduction(config);
    const { values } = parseArgs({
      args: rest,
      options: { base: { type: 'string', multiple: true, default: [`http://127.0.0.1:${config.port}`] } },
    });
    const [first, ...others] = values.base;
    const minted: Record<string, string> = {};
    for (const user of demoUsers) minted[user.sub] = await tokens.mint(user);
    await walkDemoDossier([first, ...others], minted);
    await appointDemoBoard(first, minted);
    return;
  }
  if (command === 'migrate') {
    // Opening the event store creates the database and migrates its schema; the DataSource migrates the rest.
    const store = await createEventStore({
      kind: config.eventStore,
      connectionString: config.databaseUrl,
      schema: config.schema,
      eventStoreDbUrl: config.eventStoreDbUrl,
    });
    try {
      const db = await openDatabase(config, {
        entities: READ_MODEL_ENTITIES,
        migrations: READ_MODEL_MIGRATIONS,
      });
      await db.destroy();
    } finally {
      await store.close();
    }
    process.stdout.write(`schema ${config.schema} is up to date\n`);
    return;
  }
  if (command === 'rebuild') {
    const store = await createEventStore({
      kind: config.eventStore,
      connectionString: config.databaseUrl,
      schema: config.schema,
      eventStoreDbUrl: config.eventStoreDbUrl,
      upcasters: recognitionUpcasters,
    });
    const db = await openDatabase(config, {
      entities: READ_MODEL_ENTITIES,
      migrations: READ_MODEL_MIGRATIONS,
    });
    try {
      const results = await rebuildReadModels({
        db,
        store,
        names: rest.length ? rest : undefined,
        log: (m) => process.stdout.write(`${m}\n`),
      });
      for (const r of results)
        process.stdout.write(
          `${r.name}: build ${r.build.version}.${r.build.build} live after ${r.seconds.toFixed(1)} s\n`,
        );
    } finally {
      await db.destroy();
      await store.close();
    }
    return;
  }
  if (command === 'projections' || command === 'resume') {
    const db = await openDatabase(config, { entities: [], migrations: [] });
    try {
      const checkpoints = new ProjectionCheckpoints(db);
      await checkpoints.install();
      if (command === 'resume') {
        const [name] = rest;
        if (!name || !(await checkpoints.get(name))) {
          process.stderr.write(`no projection named "${name ?? ''}"\n`);
          process.exitCode = 2;
          return;
        }
        await checkpoints.resume(name);
      }
      for (const c of await checkpoints.list())
        process.stdout.write(
          `${c.name}\t${c.status}\t${c.position}${c.lastError ? `\t${c.lastError}` : ''}\n`,
        );
    } finally {
      await db.destroy();
    }
    return;
  }
  if (
    (command === 'criteria-set' ||
      command === 'holidays' ||
      command === 'province-procedure' ||
      command === 'units') &&
    rest[0] === 'load' &&
    rest[1]
  ) {
    process.exitCode = await loadFile(config, command, rest[1], (m) => process.stdout.write(`${m}\n`));
    return;
  }
  process.stdout.write(`${USAGE}\n`);
  if (command && command !== 'help') process.exitCode = 2;
};

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

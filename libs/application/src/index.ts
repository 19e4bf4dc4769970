// The shell the API, the worker, the CLI and the bench share: configuration, clock, database and event store
// wiring, the command gateway and its idempotency store, tokens.
export * from './config/app-config';
export * from './config/config.module';
export * from './config/duration';
export * from './config/startup';
export * from './config/clock';
export * from './infrastructure/database';
export * from './infrastructure/infrastructure.module';
export * from './commands/command-gateway';
export * from './commands/idempotency.store';
export * from './commands/ids';
export * from './auth-tokens';
export * from './infrastructure/redis';
export * from './observability/logging';
export * from './observability/metrics';
export * from './oidc-verifier';
export * from './verified-tokens';

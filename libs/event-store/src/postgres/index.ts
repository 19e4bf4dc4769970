export {
  createPostgresEventStore,
  DEFAULT_DATABASE_URL,
  type AppendRow,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres-event-store';
export { LATEST_SCHEMA_VERSION, qualifiedTable, quoteIdent } from './migrations';
export { connectListening, onPooledConnection } from './connect';
export { sessionWithoutEvents } from './foreign-transactions';
export { insertEvents } from './append-sql';

export {
  createPostgresEventStore,
  DEFAULT_DATABASE_URL,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres-event-store';
export { LATEST_SCHEMA_VERSION, qualifiedTable, quoteIdent } from './migrations';
export { connectListening } from './connect';

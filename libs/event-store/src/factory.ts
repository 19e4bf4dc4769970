import { createEventStoreDbEventStore } from './eventstoredb';
import type { EventStore, Upcaster } from './port';
import { createPostgresEventStore } from './postgres';

export type EventStoreKind = 'postgres' | 'eventstoredb';

export interface EventStoreConfig {
  /** Default: the EVENT_STORE variable, else 'postgres'. */
  readonly kind?: EventStoreKind;
  /** PostgreSQL: default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/ntm. */
  readonly connectionString?: string;
  /** PostgreSQL schema for the es_* tables; default `public`. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** EventStoreDB: default the EVENTSTOREDB_URL variable. */
  readonly eventStoreDbUrl?: string;
  readonly upcasters?: readonly Upcaster[];
}

const KINDS: readonly EventStoreKind[] = ['postgres', 'eventstoredb'];

/** The event store the configuration names; explicit options win over the environment. */
export const createEventStore = async (
  config: EventStoreConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<EventStore> => {
  const kind = config.kind ?? env.EVENT_STORE ?? 'postgres';
  if (!KINDS.includes(kind as EventStoreKind)) {
    throw new Error(`EVENT_STORE must be one of ${KINDS.join(', ')} (got "${kind}")`);
  }
  if (kind === 'eventstoredb') {
    const connectionString = config.eventStoreDbUrl ?? env.EVENTSTOREDB_URL;
    if (!connectionString) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTOREDB_URL');
    return createEventStoreDbEventStore({ connectionString, upcasters: config.upcasters });
  }
  return createPostgresEventStore({
    connectionString: config.connectionString ?? env.DATABASE_URL,
    schema: config.schema,
    poolSize: config.poolSize,
    upcasters: config.upcasters,
  });
};

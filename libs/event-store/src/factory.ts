import type { EventStore, Upcaster } from './port';
import { createPostgresEventStore } from './postgres';

export type EventStoreKind = 'postgres' | 'eventstoredb';

export interface EventStoreConfig {
  /** Default 'postgres'. */
  readonly kind?: EventStoreKind;
  /** PostgreSQL: default postgres://postgres@127.0.0.1:5432/ntm. */
  readonly connectionString?: string;
  /** PostgreSQL schema for the es_* tables; default `public`. */
  readonly schema?: string;
  readonly poolSize?: number;
  /** EventStoreDB: required for that kind. */
  readonly eventStoreDbUrl?: string;
  readonly upcasters?: readonly Upcaster[];
}

const KINDS: readonly EventStoreKind[] = ['postgres', 'eventstoredb'];

/** The event store the configuration names (the apps' configuration comes from @ntm/application). */
export const createEventStore = async (config: EventStoreConfig = {}): Promise<EventStore> => {
  const kind = config.kind ?? 'postgres';
  if (!KINDS.includes(kind))
    throw new Error(`event store kind must be one of ${KINDS.join(', ')} (got "${kind}")`);
  if (kind === 'eventstoredb') {
    if (!config.eventStoreDbUrl) throw new Error('an eventstoredb event store needs its URL');
    // Loaded only for this kind: its gRPC client is large, and the default store never needs it.
    const { createEventStoreDbEventStore } = await import('./eventstoredb');
    return createEventStoreDbEventStore({
      connectionString: config.eventStoreDbUrl,
      upcasters: config.upcasters,
    });
  }
  return createPostgresEventStore({
    connectionString: config.connectionString,
    schema: config.schema,
    poolSize: config.poolSize,
    upcasters: config.upcasters,
  });
};

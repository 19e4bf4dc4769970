import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { domainEvent, type DomainEvent } from '@ntm/decider';
import { DOSSIER_STREAM_PREFIX, dossierIdOfStream, type DossierEvent } from '@ntm/recognition';
import type { Table } from './table';

/** Every per-dossier row carries the stream version it has seen: the guard that makes replays no-ops. */
export interface DossierKeyed {
  dossier_id: string;
  version: number;
}

/** Which events a per-stream fold reads, and how a stream and a row name their entity. */
export interface StreamRows<Row> {
  readonly prefix: string;
  readonly handles?: ReadonlySet<string>;
  readonly idOf: (streamId: string) => string;
  readonly keyOf: (row: Row) => string;
}

/**
 * Folds a batch into one row per stream (a dossier, a survey round): loads the rows the batch touches in one
 * query, applies each event the row has not seen yet (by stream version), then upserts the changed rows in one
 * statement. `on` returns the new row, or undefined to leave it (e.g. an event of a stream never seen opened).
 */
export const foldStreamRows = async <Row extends { version: number }, E extends DomainEvent>(
  manager: EntityManager,
  table: Table<Row>,
  events: readonly RecordedEvent[],
  streams: StreamRows<Row>,
  on: (row: Row | undefined, event: E, recorded: RecordedEvent) => Row | undefined,
): Promise<Map<string, Row>> => {
  const relevant = events.filter(
    (e) => (!streams.handles || streams.handles.has(e.type)) && e.streamId.startsWith(streams.prefix),
  );
  const ids = [...new Set(relevant.map((e) => streams.idOf(e.streamId)))];
  const rows = new Map((await table.load(manager, ids)).map((r) => [streams.keyOf(r), r]));
  const changed = new Map<string, Row>();
  for (const recorded of relevant) {
    const id = streams.idOf(recorded.streamId);
    const row = rows.get(id);
    if (row && recorded.streamVersion <= row.version) continue;
    const next = on(row, domainEvent<E>(recorded), recorded);
    if (!next) continue;
    next.version = recorded.streamVersion;
    rows.set(id, next);
    changed.set(id, next);
  }
  await table.upsert(manager, [...changed.values()]);
  return changed;
};

/** Per-dossier rows (see foldStreamRows). */
export const foldDossiers = <Row extends DossierKeyed>(
  manager: EntityManager,
  table: Table<Row>,
  events: readonly RecordedEvent[],
  handles: ReadonlySet<string>,
  on: (row: Row | undefined, event: DossierEvent, recorded: RecordedEvent) => Row | undefined,
): Promise<Map<string, Row>> =>
  foldStreamRows(
    manager,
    table,
    events,
    { prefix: DOSSIER_STREAM_PREFIX, handles, idOf: dossierIdOfStream, keyOf: (r) => r.dossier_id },
    on,
  );

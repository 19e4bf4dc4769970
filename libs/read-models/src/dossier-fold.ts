import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { domainEvent } from '@ntm/decider';
import { DOSSIER_STREAM_PREFIX, dossierIdOfStream, type DossierEvent } from '@ntm/recognition';
import type { Table } from './table';

/** Every per-dossier row carries the stream version it has seen: the guard that makes replays no-ops. */
export interface DossierKeyed {
  dossier_id: string;
  version: number;
}

/**
 * Folds a batch into per-dossier rows: loads the rows the batch touches in one query, applies each event the
 * row has not seen yet (by stream version), then upserts the changed rows in one statement. `on` returns the
 * new row, or undefined to leave it (e.g. an event of a dossier this projection never saw opened).
 */
export const foldDossiers = async <Row extends DossierKeyed>(
  manager: EntityManager,
  table: Table<Row>,
  events: readonly RecordedEvent[],
  handles: ReadonlySet<string>,
  on: (row: Row | undefined, event: DossierEvent, recorded: RecordedEvent) => Row | undefined,
): Promise<Map<string, Row>> => {
  const relevant = events.filter((e) => handles.has(e.type) && e.streamId.startsWith(DOSSIER_STREAM_PREFIX));
  const ids = [...new Set(relevant.map((e) => dossierIdOfStream(e.streamId)))];
  const rows = new Map((await table.load(manager, ids)).map((r) => [r.dossier_id, r]));
  const changed = new Map<string, Row>();
  for (const recorded of relevant) {
    const id = dossierIdOfStream(recorded.streamId);
    const row = rows.get(id);
    if (row && recorded.streamVersion <= row.version) continue;
    const next = on(row, domainEvent<DossierEvent>(recorded), recorded);
    if (!next) continue;
    next.version = recorded.streamVersion;
    rows.set(id, next);
    changed.set(id, next);
  }
  await table.upsert(manager, [...changed.values()]);
  return changed;
};

import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import {
  CRITERIA_SETS_STREAM,
  criteriaSetSummary,
  initialCatalogue,
  latestOfEach,
  loadedEntry,
  type CriteriaSetEvent,
  type CriteriaSetSummary,
} from '@ntm/criteria';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/** One loaded version of a criteria set, as it is listed (its document stays in the stream). */
export interface CriteriaSetRow {
  id: string;
  version: number;
  /** Its place in the criteria-sets stream: the loading order. */
  stream_version: number;
  summary: CriteriaSetSummary;
}

export const criteriaSetsTable: TableDef<CriteriaSetRow> = {
  base: 'rm_criteria_sets',
  columns: { id: 'text', version: 'int', stream_version: 'int', summary: 'jsonb' },
  key: ['id', 'version'],
};

/** Every criteria set an administrator loaded, summarised; the built-in sets are not events (see criteriaSetList). */
export const criteriaSets: Projector = {
  name: 'criteria-sets',
  label: 'Bộ tiêu chí',
  version: 1,
  handles: ['CriteriaSetLoaded'],
  streamPrefixes: [CRITERIA_SETS_STREAM],
  tables: [criteriaSetsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const rows = events
      .filter((e) => e.streamId === CRITERIA_SETS_STREAM && e.type === 'CriteriaSetLoaded')
      .map((e) => {
        const entry = loadedEntry(e as unknown as CriteriaSetEvent);
        return {
          id: entry.id,
          version: entry.version,
          stream_version: e.streamVersion,
          summary: criteriaSetSummary(entry),
        };
      });
    await table(tables, criteriaSetsTable).upsert(manager, rows);
  },
};

/**
 * The catalogue as listed: the latest version of each set, the built-in sets first, then each id in the order
 * it was first loaded (`loaded` in stream order).
 */
export const criteriaSetList = (loaded: readonly CriteriaSetSummary[]): CriteriaSetSummary[] =>
  latestOfEach([...initialCatalogue().entries.map(criteriaSetSummary), ...loaded]);

import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { COMMUNE_STREAM_PREFIX, type CommuneGroupFact } from '@ntm/recognition';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/** A commune's group in force (Decision 51/2025/QĐ-TTg), as its province last set it. */
export interface CommuneGroupRow {
  commune_code: string;
  province_code: string;
  group: string;
  basis: string;
  decided_on: string;
  set_by: string;
  set_at: string;
}

export const communeGroupsTable: TableDef<CommuneGroupRow> = {
  base: 'rm_commune_groups',
  columns: {
    commune_code: 'text',
    province_code: 'text',
    group: 'text',
    basis: 'text',
    decided_on: 'text',
    set_by: 'text',
    set_at: 'text',
  },
  key: ['commune_code'],
  indexes: [['province_code', 'commune_code']],
};

/**
 * The communes' groups, one row per commune: a province's list reads them in one query instead of folding each
 * commune's record stream. The last setting of a commune wins; replays write the same rows.
 */
export const communeGroups: Projector = {
  name: 'commune-groups',
  label: 'Nhóm xã',
  version: 1,
  handles: ['CommuneGroupSet'],
  streamPrefixes: [COMMUNE_STREAM_PREFIX],
  tables: [communeGroupsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const latest = new Map<string, CommuneGroupRow>();
    for (const e of events) {
      if (!e.streamId.startsWith(COMMUNE_STREAM_PREFIX) || e.type !== 'CommuneGroupSet') continue;
      const data = e.data as unknown as CommuneGroupFact;
      const communeCode = e.streamId.slice(COMMUNE_STREAM_PREFIX.length);
      latest.set(communeCode, {
        commune_code: communeCode,
        province_code: data.provinceCode,
        group: data.group,
        basis: data.basis,
        decided_on: data.decidedOn,
        set_by: data.setBy,
        set_at: data.setAt,
      });
    }
    await table(tables, communeGroupsTable).upsert(manager, [...latest.values()]);
  },
};

import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { COMMUNE_STREAM_PREFIX, type CommunePilotFact } from '@ntm/recognition';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/** A commune's selection for a pilot level (Decision 51/2025/QĐ-TTg, Appendix II), as its province last set it. */
export interface CommunePilotRow {
  commune_code: string;
  level: string;
  province_code: string;
  designated: boolean;
  basis: string;
  decided_on: string;
  set_by: string;
  set_at: string;
}

export const communePilotsTable: TableDef<CommunePilotRow> = {
  base: 'rm_commune_pilots',
  columns: {
    commune_code: 'text',
    level: 'text',
    province_code: 'text',
    designated: 'boolean',
    basis: 'text',
    decided_on: 'text',
    set_by: 'text',
    set_at: 'text',
  },
  key: ['commune_code', 'level'],
  indexes: [['province_code', 'commune_code']],
};

/**
 * The pilot communes, one row per commune and level: a province's list reads them in one query. The last
 * selection wins (a withdrawal keeps its row, with `designated` false, so the list can say when and why).
 */
export const communePilots: Projector = {
  name: 'commune-pilots',
  label: 'Xã thí điểm',
  version: 1,
  handles: ['CommunePilotSet'],
  streamPrefixes: [COMMUNE_STREAM_PREFIX],
  tables: [communePilotsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const latest = new Map<string, CommunePilotRow>();
    for (const e of events) {
      if (!e.streamId.startsWith(COMMUNE_STREAM_PREFIX) || e.type !== 'CommunePilotSet') continue;
      const data = e.data as unknown as CommunePilotFact;
      const communeCode = e.streamId.slice(COMMUNE_STREAM_PREFIX.length);
      latest.set(`${communeCode}|${data.level}`, {
        commune_code: communeCode,
        level: data.level,
        province_code: data.provinceCode,
        designated: data.designated,
        basis: data.basis,
        decided_on: data.decidedOn,
        set_by: data.setBy,
        set_at: data.setAt,
      });
    }
    await table(tables, communePilotsTable).upsert(manager, [...latest.values()]);
  },
};

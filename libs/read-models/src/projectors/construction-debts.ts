import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { CONSTRUCTION_DEBT_STREAM_PREFIX, type ConstructionDebtEvent } from '@ntm/recognition';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/** One work of a commune's construction-debt ledger, with what is still owed on it. */
export interface ConstructionDebtRow {
  entry_id: string;
  province_code: string;
  commune_code: string;
  project: string;
  contractor: string;
  /** VND; below 2^53, so a double holds it exactly and pg answers a number. */
  amount: number;
  remaining: number;
  incurred_on: string;
  cancelled: boolean;
  payments: number;
  last_paid_on: string | null;
  recorded_at: string;
  /** The ledger stream's version after the last event applied here: a replayed event changes nothing. */
  stream_version: number;
}

export const constructionDebtsTable: TableDef<ConstructionDebtRow> = {
  base: 'rm_construction_debts',
  columns: {
    entry_id: 'text',
    province_code: 'text',
    commune_code: 'text',
    project: 'text',
    contractor: 'text',
    amount: 'double precision',
    remaining: 'double precision',
    incurred_on: 'text',
    cancelled: 'boolean',
    payments: 'int',
    last_paid_on: 'text',
    recorded_at: 'text',
    stream_version: 'int',
  },
  key: ['entry_id'],
  indexes: [['province_code', 'commune_code']],
};

/**
 * The communes' construction-debt ledgers, one row per work: a province's list sums them per commune in one
 * query (RULES-2026 §4, debt after recognition). A payment carries what remains, so a row never needs the sum.
 */
export const constructionDebts: Projector = {
  name: 'construction-debts',
  label: 'Nợ đọng xây dựng cơ bản',
  version: 1,
  handles: ['ConstructionDebtRecorded', 'ConstructionDebtPaid', 'ConstructionDebtCancelled'],
  streamPrefixes: [CONSTRUCTION_DEBT_STREAM_PREFIX],
  tables: [constructionDebtsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const debts = table(tables, constructionDebtsTable);
    const ours = events.filter((e) => e.streamId.startsWith(CONSTRUCTION_DEBT_STREAM_PREFIX));
    const entryOf = (e: RecordedEvent) => (e.data as { entryId: string }).entryId;
    const rows = new Map(
      (await debts.load(manager, [...new Set(ours.map(entryOf))])).map((r) => [r.entry_id, r]),
    );
    for (const recorded of ours) {
      const row = rows.get(entryOf(recorded));
      if (row && row.stream_version >= recorded.streamVersion) continue;
      const e = { type: recorded.type, data: recorded.data } as ConstructionDebtEvent;
      const stream_version = recorded.streamVersion;
      if (e.type === 'ConstructionDebtRecorded') {
        const d = e.data;
        rows.set(d.entryId, {
          entry_id: d.entryId,
          province_code: d.provinceCode,
          commune_code: d.communeCode,
          project: d.project,
          contractor: d.contractor,
          amount: d.amount,
          remaining: d.amount,
          incurred_on: d.incurredOn,
          cancelled: false,
          payments: 0,
          last_paid_on: null,
          recorded_at: d.recordedAt,
          stream_version,
        });
      } else if (row) {
        rows.set(
          row.entry_id,
          e.type === 'ConstructionDebtPaid'
            ? {
                ...row,
                remaining: e.data.remaining,
                payments: row.payments + 1,
                // The latest day paid, whatever order the payments were recorded in.
                last_paid_on:
                  row.last_paid_on && row.last_paid_on > e.data.paidOn ? row.last_paid_on : e.data.paidOn,
                stream_version,
              }
            : { ...row, remaining: 0, cancelled: true, stream_version },
        );
      }
    }
    await debts.upsert(manager, [...rows.values()]);
  },
};

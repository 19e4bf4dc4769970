import type { Level, Period } from '@ntm/criteria';
import type { LegalBasis, Unit } from '@ntm/units';
import {
  holdingsByPeriod,
  holdingsOf,
  type CommuneGroupFact,
  type CommunePilotFact,
  type CommuneRecognition,
  type CommuneRecord,
  type CommuneStatusAcknowledgement,
  type HoldingsByPeriod,
  type PredecessorStanding,
} from './commune-record';
import { periodOpenOn } from './period-rules';

/** The record of one commune as a part of another's history. */
export interface LineageRecord {
  readonly code: string;
  readonly name: string;
  readonly status: Unit['status'];
  /** The merger that ended it (null for the commune itself, or a predecessor that kept its code). */
  readonly mergedOn: string | null;
  readonly basis: LegalBasis | null;
  readonly recognitions: readonly CommuneRecognition[];
  /** The levels it holds, per period: a recognition counts for its own period only (period-rules.ts). */
  readonly holdings: HoldingsByPeriod;
}

export interface CommuneLineageView {
  readonly commune: LineageRecord;
  readonly formedBy: Unit['formedBy'];
  /** Every commune merged into it, nearest merger first, each with its own recognitions and their status. */
  readonly predecessors: readonly LineageRecord[];
  readonly acknowledgements: readonly CommuneStatusAcknowledgement[];
  /** The commune's group in force (Decision 51/2025/QĐ-TTg), null until the province sets one. */
  readonly group: CommuneGroupFact | null;
  /** The province's latest selection per pilot level, a withdrawal included. */
  readonly pilots: readonly CommunePilotFact[];
}

/** The levels a record held on a day for a dossier of `period`: granted by then and not revoked by then. */
export const holdingsOn = (record: CommuneRecord, day: string, period: Period): Level[] =>
  holdingsOf(
    {
      recognitions: record.recognitions
        .filter((r) => r.decidedOn <= day)
        .map((r) => (r.revoked && r.revoked.decidedOn > day ? { ...r, revoked: null } : r)),
      acknowledgements: (record.acknowledgements ?? []).filter((a) => a.decidedOn <= day),
    },
    period,
  );

const entry = (unit: Unit, record: CommuneRecord): LineageRecord => ({
  code: unit.code,
  name: unit.name,
  status: unit.status,
  mergedOn: unit.status === 'merged' ? unit.since : null,
  basis: unit.status === 'merged' ? unit.basis : null,
  recognitions: record.recognitions,
  holdings: holdingsByPeriod(record),
});

/** A merged commune's record followed through its lineage (RULES-2026.md §2: records follow the commune). */
export const communeLineageView = (
  unit: Unit,
  lineage: readonly Unit[],
  recordOf: (code: string) => CommuneRecord,
): CommuneLineageView => {
  const own = recordOf(unit.code);
  return {
    commune: entry(unit, own),
    formedBy: unit.formedBy,
    predecessors: lineage.map((u) => entry(u, recordOf(u.code))),
    acknowledgements: own.acknowledgements ?? [],
    group: own.group ?? null,
    pilots: own.pilots ?? [],
  };
};

/**
 * What the province weighs when acknowledging: each commune of the merger that formed `unit` (the one that kept
 * its code included) with the levels it held the day the merger took effect.
 */
export const mergerStandings = (
  unit: Unit,
  units: (code: string) => Unit | undefined,
  recordOf: (code: string) => CommuneRecord,
): { mergedOn: string; basis: LegalBasis; predecessors: PredecessorStanding[] } | null => {
  const formed = unit.formedBy;
  if (!formed) return null;
  return {
    mergedOn: formed.effectiveOn,
    basis: formed.basis,
    predecessors: formed.predecessorCodes.map((code) => ({
      code,
      name: units(code)?.name ?? code,
      // The day before the merger took effect: a decision on that day belongs to the new commune. The standing
      // weighed is the one of the period new dossiers were opened in that day.
      holdings: holdingsOn(recordOf(code), dayBefore(formed.effectiveOn), periodOpenOn(formed.effectiveOn)),
    })),
  };
};

const dayBefore = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

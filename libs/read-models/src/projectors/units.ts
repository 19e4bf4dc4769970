import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import {
  evolveUnitRegister,
  PLAN_STREAM_PREFIX,
  UNITS_STREAM,
  type PlanEvent,
  type Unit,
  type UnitEvent,
  type UnitKind,
  type UnitRegister,
  type UnitStatus,
} from '@ntm/units';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

/**
 * One administrative unit as the register holds it now. Standings count every registered commune, including those
 * that never opened a dossier; `district_code` is a commune's district (2021-2025), null after the two-tier reform.
 */
export interface UnitRow {
  kind: UnitKind;
  code: string;
  name: string;
  province_code: string;
  district_code: string | null;
  parent_code: string | null;
  status: UnitStatus;
  successor_code: string | null;
  predecessor_codes: string[];
  formed_by: Unit['formedBy'];
  since: string | null;
  basis_number: string | null;
  basis_issued_on: string | null;
  basis_unverified: string | null;
  former_names: Unit['formerNames'];
  updated_by: string;
  updated_at: string;
}

export const unitsTable: TableDef<UnitRow> = {
  base: 'rm_admin_units',
  columns: {
    kind: 'text',
    code: 'text',
    name: 'text',
    province_code: 'text',
    district_code: 'text',
    parent_code: 'text',
    status: 'text',
    successor_code: 'text',
    predecessor_codes: 'text[]',
    formed_by: 'jsonb',
    since: 'text',
    basis_number: 'text',
    basis_issued_on: 'text',
    basis_unverified: 'text',
    former_names: 'jsonb',
    updated_by: 'text',
    updated_at: 'timestamptz',
  },
  key: ['code'],
  indexes: [['province_code', 'kind']],
};

const unitOf = (r: UnitRow): Unit => ({
  kind: r.kind,
  code: r.code,
  name: r.name,
  provinceCode: r.province_code,
  parentCode: r.parent_code,
  status: r.status,
  successorCode: r.successor_code,
  predecessorCodes: r.predecessor_codes,
  formedBy: r.formed_by,
  since: r.since,
  basis: r.basis_number
    ? {
        number: r.basis_number,
        issuedOn: r.basis_issued_on ?? '',
        ...(r.basis_unverified ? { unverified: r.basis_unverified } : {}),
      }
    : null,
  formerNames: r.former_names,
});

const rowOf = (u: Unit, by: string, at: string): UnitRow => ({
  kind: u.kind,
  code: u.code,
  name: u.name,
  province_code: u.provinceCode,
  district_code: u.kind === 'commune' ? u.parentCode : null,
  parent_code: u.parentCode,
  status: u.status,
  successor_code: u.successorCode,
  predecessor_codes: [...u.predecessorCodes],
  formed_by: u.formedBy,
  since: u.since,
  basis_number: u.basis?.number ?? null,
  basis_issued_on: u.basis?.issuedOn ?? null,
  basis_unverified: u.basis?.unverified ?? null,
  former_names: u.formerNames,
  updated_by: by,
  updated_at: at,
});

const UNIT_EVENTS: ReadonlySet<string> = new Set([
  'UnitRegistered',
  'UnitRenamed',
  'UnitsMerged',
  'UnitDissolved',
]);

/** The codes an event touches: only those rows are read and written. */
const codesOf = (e: UnitEvent): string[] =>
  e.type === 'UnitsMerged' ? [...e.data.predecessorCodes, e.data.successorCode] : [e.data.code];

/**
 * The register of administrative units, folded by the register's own evolve over the rows an event touches (a
 * merger moves its predecessors and creates or updates its successor). Replays leave the rows as they are.
 */
export const administrativeUnits: Projector = {
  name: 'administrative-units',
  label: 'Danh mục đơn vị hành chính',
  // 2: former names kept (rebuilt from the renamings); 3: and the name a kept unit bore before a merger renamed it.
  version: 3,
  handles: [...UNIT_EVENTS],
  streamPrefixes: [UNITS_STREAM],
  tables: [unitsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const units = table(tables, unitsTable);
    // The runner hands over only the register's events; a replay of a whole history may not.
    const mine = events.filter((e) => e.streamId === UNITS_STREAM && UNIT_EVENTS.has(e.type));
    const touched = [...new Set(mine.flatMap((e) => codesOf(e as unknown as UnitEvent)))];
    const loaded = await units.load(manager, touched);
    let state: UnitRegister = { units: Object.fromEntries(loaded.map((r) => [r.code, unitOf(r)])) };
    const stamp = new Map<string, { by: string; at: string }>();
    for (const e of mine) {
      const event = e as unknown as UnitEvent;
      state = evolveUnitRegister(state, event);
      for (const code of codesOf(event))
        stamp.set(code, { by: e.metadata.actor, at: e.recordedAt.toISOString() });
    }
    await units.upsert(
      manager,
      [...stamp.entries()]
        .filter(([code]) => state.units[code])
        .map(([code, s]) => rowOf(state.units[code], s.by, s.at)),
    );
  },
};

/** A province's plan: the header; its targets are rows of planTargetsTable. */
export interface PlanRow {
  province_code: string;
  title: string;
  reference: string | null;
  updated_by: string;
  updated_at: string;
}

/** "By <year>, <target> communes at <level> or above", province-wide (district '') or for one district. */
export interface PlanTargetRow {
  province_code: string;
  district_code: string;
  year: number;
  level: string;
  target: number;
}

export const plansTable: TableDef<PlanRow> = {
  base: 'rm_plans',
  columns: {
    province_code: 'text',
    title: 'text',
    reference: 'text',
    updated_by: 'text',
    updated_at: 'timestamptz',
  },
  key: ['province_code'],
};

export const planTargetsTable: TableDef<PlanTargetRow> = {
  base: 'rm_plan_targets',
  columns: { province_code: 'text', district_code: 'text', year: 'int', level: 'text', target: 'int' },
  key: ['province_code', 'district_code', 'year', 'level'],
};

/** The provinces' plans: each setting replaces the province's header and targets. */
export const provincePlans: Projector = {
  name: 'province-plans',
  label: 'Kế hoạch của tỉnh',
  version: 1,
  handles: ['ProvincePlanSet'],
  streamPrefixes: [PLAN_STREAM_PREFIX],
  tables: [plansTable, planTargetsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const plans = table(tables, plansTable);
    const targets = table(tables, planTargetsTable);
    // The last setting of each province in the batch is the plan.
    const latest = new Map<string, PlanEvent['data']>();
    for (const e of events) {
      if (!e.streamId.startsWith(PLAN_STREAM_PREFIX) || e.type !== 'ProvincePlanSet') continue;
      const { data } = e as unknown as PlanEvent;
      latest.set(data.provinceCode, data);
    }
    for (const plan of latest.values()) {
      await manager.query(`DELETE FROM ${targets.name} WHERE province_code = $1`, [plan.provinceCode]);
      await targets.upsert(
        manager,
        plan.targets.map((t) => ({
          province_code: plan.provinceCode,
          district_code: t.districtCode,
          year: t.year,
          level: t.level,
          target: t.target,
        })),
      );
    }
    await plans.upsert(
      manager,
      [...latest.values()].map((p) => ({
        province_code: p.provinceCode,
        title: p.title,
        reference: p.reference,
        updated_by: p.setBy,
        updated_at: p.setAt,
      })),
    );
  },
};

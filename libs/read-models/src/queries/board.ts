import type { EntityManager } from 'typeorm';
import { levelLabels, type Level } from '@ntm/criteria';
import { statusLabels, stepLabels } from '@ntm/recognition';
import type { BoardRow } from '../projectors/dossier-board';
import {
  daysBetween,
  byYearAndCriteriaPeriod,
  iso,
  rowsOf,
  scopeConditions,
  type Scope,
  type YearAndCriteriaPeriod,
} from './sql';

export interface BoardFilter extends Scope, YearAndCriteriaPeriod {
  readonly level?: string;
  readonly step?: string;
  readonly status?: string;
  readonly overdue?: boolean;
  /** Only dossiers whose current step waits for this actor's role, and not on something the actor has done. */
  readonly waitingFor?: { readonly role: string; readonly actorId: string };
  readonly page: number;
  readonly pageSize: number;
  readonly now: Date;
}

export interface BoardItem {
  readonly dossierId: string;
  /** Mã hồ sơ, e.g. 06-2026-0001 (null before codes existed). */
  readonly code: string | null;
  readonly provinceCode: string;
  readonly districtCode: string | null;
  readonly communeCode: string;
  readonly communeName: string;
  readonly level: string;
  readonly levelLabel: string;
  readonly procedureVersion: string;
  readonly year: number;
  readonly status: string;
  readonly statusLabel: string;
  readonly step: string | null;
  readonly stepLabel: string | null;
  readonly round: number;
  readonly stepOpenedAt: string | null;
  readonly daysInStep: number | null;
  readonly dueAt: string | null;
  readonly overdue: boolean;
  readonly waitingRoles: readonly string[];
  readonly returns: number;
  readonly decisionNumber: string | null;
  readonly decidedOn: string | null;
  readonly lastPosition: string;
}

export interface BoardPage {
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly items: BoardItem[];
}

const toItem = (r: BoardRow, now: Date): BoardItem => {
  const due = r.due_at === null ? null : new Date(r.due_at);
  return {
    dossierId: r.dossier_id,
    code: r.dossier_code ?? null,
    provinceCode: r.province_code,
    districtCode: r.district_code,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    level: r.level,
    levelLabel: levelLabels[r.level as Level] ?? r.level,
    procedureVersion: r.procedure_version,
    year: r.year,
    status: r.status,
    statusLabel: statusLabels[r.status] ?? r.status,
    step: r.current_step,
    stepLabel: r.current_step ? (stepLabels[r.current_step] ?? r.current_step) : null,
    round: r.round,
    stepOpenedAt: iso(r.step_opened_at),
    daysInStep: r.step_opened_at === null ? null : daysBetween(r.step_opened_at, now),
    dueAt: iso(r.due_at),
    overdue: r.current_step !== null && (r.overdue || (due !== null && due.getTime() < now.getTime())),
    waitingRoles: r.waiting_roles,
    returns: r.returns,
    decisionNumber: r.decision_number,
    decidedOn: r.decided_on,
    lastPosition: r.position,
  };
};

/** A page of the dossier board; "waiting for me" lists the most urgent first (overdue, then by due date). */
export const queryBoard = async (
  manager: EntityManager,
  table: string,
  f: BoardFilter,
): Promise<BoardPage> => {
  const c = byYearAndCriteriaPeriod(scopeConditions(f), f)
    .add('level = $?', f.level)
    .add('current_step = $?', f.step)
    .add('status = $?', f.status)
    .add('$? = ANY (waiting_roles)', f.waitingFor?.role)
    .add('NOT ($? = ANY (done_by))', f.waitingFor?.actorId);
  if (f.overdue !== undefined) {
    const now = c.param(f.now.toISOString());
    const late = `(current_step IS NOT NULL AND (overdue OR due_at < ${now}::timestamptz))`;
    c.raw(f.overdue ? late : `NOT ${late}`);
  }
  const order = f.waitingFor
    ? 'overdue DESC, due_at ASC NULLS LAST, step_opened_at ASC, dossier_id'
    : 'province_code, district_code NULLS FIRST, commune_code, opened_at, dossier_id';
  const [{ total }] = await rowsOf<{ total: number }>(
    manager,
    `SELECT count(*)::int AS total FROM ${table} ${c.sql}`,
    c.params,
  );
  const limit = c.param(f.pageSize);
  const offset = c.param((f.page - 1) * f.pageSize);
  const rows = await rowsOf<BoardRow>(
    manager,
    `SELECT * FROM ${table} ${c.sql} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
    c.params,
  );
  return { total, page: f.page, pageSize: f.pageSize, items: rows.map((r) => toItem(r, f.now)) };
};

/** What runs SQL: an EntityManager, a DataSource or a QueryRunner. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Runs a query and names the shape of its rows: pg returns them untyped, so the row type written beside each
 * query (its column names and the types its casts produce) is the contract the mapper relies on.
 */
export const rowsOf = async <R>(db: Queryable, sql: string, params?: unknown[]): Promise<R[]> =>
  (await db.query(sql, params)) as R[];

/** Collects WHERE conditions and their parameters: `where.add('province_code = $?', value)`. */
export class Conditions {
  readonly params: unknown[];
  private readonly parts: string[] = [];

  constructor(params: unknown[] = []) {
    this.params = params;
  }

  /** Adds `sql` with each `$?` replaced by the next parameter; skipped when `value` is undefined. */
  add(sql: string, value?: unknown): this {
    if (arguments.length > 1 && value === undefined) return this;
    this.params.push(value);
    this.parts.push(sql.replace('$?', `$${this.params.length}`));
    return this;
  }

  /** A condition with no parameter. */
  raw(sql: string): this {
    this.parts.push(sql);
    return this;
  }

  /** The next parameter's placeholder, for SQL outside the WHERE clause. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Where the caller may look, already checked against the caller's jurisdiction. */
export interface Scope {
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
}

/**
 * Which dossiers a report covers, by two facts of each dossier that are independent of each other: its year (năm
 * xét) and its criteria period (giai đoạn: the period of the criteria set it is judged under, recorded when it was
 * opened). They can disagree: a 2021-2025 dossier opened on 10/02/2026 is of 2026. A period is never derived from
 * a year, so a plan's progress and the standings count the same communes for one period.
 */
export interface YearAndCriteriaPeriod {
  readonly year?: number;
  readonly criteriaPeriod?: string;
}

/** Adds `f`: the year on `yearColumn` (a decision's own year for decisions), the period on `criteria_period`. */
export const byYearAndCriteriaPeriod = (
  c: Conditions,
  f: YearAndCriteriaPeriod,
  yearColumn = 'year',
): Conditions => c.add(`${yearColumn} = $?`, f.year).add('criteria_period = $?', f.criteriaPeriod);

export const scopeConditions = (scope: Scope, c = new Conditions(), alias = ''): Conditions =>
  c
    .add(`${alias}province_code = $?`, scope.provinceCode)
    .add(`${alias}district_code = $?`, scope.districtCode)
    .add(`${alias}commune_code = $?`, scope.communeCode);

const DAY_MS = 86_400_000;

/** Whole days from `from` to `now` (0 on the first day). */
export const daysBetween = (from: Date | string, now: Date): number =>
  Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / DAY_MS));

export const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();

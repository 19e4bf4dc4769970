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

/** A year, or a programme period ('2021-2025'): the years a report covers. A year is within the period. */
export interface YearFilter {
  readonly year?: number;
  readonly period?: string;
}

/** Adds the years of `f` on `column`: the year itself, else every year of the period. */
export const inYears = (c: Conditions, column: string, f: YearFilter): Conditions => {
  if (f.year !== undefined) return c.add(`${column} = $?`, f.year);
  if (f.period === undefined) return c;
  const [from, to] = f.period.split('-').map(Number);
  return c.add(`${column} >= $?`, from).add(`${column} <= $?`, to);
};

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

import type { EntityManager } from 'typeorm';
import { qualifiedTable, quoteIdent } from '@ntm/event-store';

/** Column types the read models use; each is also a valid type for jsonb_to_recordset. */
export type SqlType =
  | 'text'
  | 'int'
  | 'bigint'
  | 'boolean'
  | 'double precision'
  | 'timestamptz'
  | 'date'
  | 'int[]'
  | 'text[]'
  | 'jsonb';

/**
 * A read-model table, described once: the DDL and the bulk upsert are generated from it, so a projector's
 * rows are plain objects keyed by column name.
 */
export interface TableDef<Row extends object> {
  /** Base name; the physical table is `<base>_<build tag>` (blue/green builds). */
  readonly base: string;
  readonly columns: { readonly [K in keyof Row & string]: SqlType };
  readonly key: readonly (keyof Row & string)[];
  /** Secondary indexes, as column lists. */
  readonly indexes?: readonly (readonly (keyof Row & string)[])[];
}

/** The columns and their SQL types (Object.entries forgets the value type of a mapped record). */
const columnsOf = <Row extends object>(def: TableDef<Row>) =>
  Object.entries(def.columns) as [string, SqlType][];

/** The schema TypeORM was opened on, if any. */
export const schemaOf = (manager: EntityManager): string | undefined =>
  (manager.connection.options as { schema?: string }).schema;

export const createTableSql = <Row extends object>(
  def: TableDef<Row>,
  physical: string,
  schema?: string,
): string[] => {
  const table = qualifiedTable(schema, physical);
  const cols = columnsOf(def).map(([name, type]) => `${quoteIdent(name)} ${type}`);
  const key = def.key.map(quoteIdent).join(', ');
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (${cols.join(', ')}, PRIMARY KEY (${key}))`,
    ...(def.indexes ?? []).map(
      (cols) =>
        `CREATE INDEX IF NOT EXISTS ${quoteIdent(`${physical}_${cols.join('_')}`)} ON ${table} (${cols.map(quoteIdent).join(', ')})`,
    ),
  ];
};

/** Bound to one physical table: loads rows by key and upserts many rows in one statement. */
export class Table<Row extends object> {
  readonly name: string;
  private readonly columnNames: string[];

  constructor(
    readonly def: TableDef<Row>,
    physical: string,
    schema: string | undefined,
  ) {
    this.name = qualifiedTable(schema, physical);
    this.columnNames = Object.keys(def.columns);
  }

  /** Rows whose single-column key is one of `keys`. */
  async load(manager: EntityManager, keys: readonly string[]): Promise<Row[]> {
    if (keys.length === 0) return [];
    const [key] = this.def.key;
    return manager.query(`SELECT * FROM ${this.name} WHERE ${quoteIdent(key)} = ANY($1::text[])`, [keys]);
  }

  /** Insert or replace `rows` (whole rows) in one round trip. */
  async upsert(manager: EntityManager, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const cols = this.columnNames.map(quoteIdent).join(', ');
    const record = columnsOf(this.def)
      .map(([name, type]) => `${quoteIdent(name)} ${type}`)
      .join(', ');
    const keys = new Set<string>(this.def.key);
    const updates = this.columnNames
      .filter((c) => !keys.has(c))
      .map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
    await manager.query(
      `INSERT INTO ${this.name} (${cols}) SELECT ${cols} FROM jsonb_to_recordset($1::jsonb) AS x(${record})
       ON CONFLICT (${this.def.key.map(quoteIdent).join(', ')}) ${updates.length ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING'}`,
      [JSON.stringify(rows)],
    );
  }
}

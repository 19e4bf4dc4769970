import type { EntityManager } from 'typeorm';
import { START, type Position } from '@ntm/event-store';
import { CHECKPOINTS_TABLE } from './runner';
import { qualifiedTable } from '@ntm/event-store';
import { schemaOf } from './table';

const UNDEFINED_TABLE = '42P01';

/** The stored positions of the named runners; START for one that has not stored any yet. */
export const readCheckpoints = async (
  manager: EntityManager,
  names: readonly string[],
): Promise<Map<string, Position>> => {
  const rows: { name: string; position: string }[] = await manager
    .query(
      `SELECT name, position FROM ${qualifiedTable(schemaOf(manager), CHECKPOINTS_TABLE)} WHERE name = ANY($1::text[])`,
      [names],
    )
    // Before the first runner starts, its table may not exist: nothing has been projected.
    .catch((e: { code?: string }) => (e.code === UNDEFINED_TABLE ? [] : Promise.reject(e)));
  const found = new Map(rows.map((r) => [r.name, r.position]));
  return new Map(names.map((n) => [n, found.get(n) ?? START]));
};

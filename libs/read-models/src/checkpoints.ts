import type { EntityManager } from 'typeorm';
import { START, type Position } from '@ntm/event-store';
import { CHECKPOINTS_TABLE } from './runner';
import { qualifiedTable } from '@ntm/event-store';
import { rowsOf } from './queries/sql';
import { schemaOf } from './table';

const UNDEFINED_TABLE = '42P01';

/** The stored positions of the named runners; START for one that has not stored any yet. */
export const readCheckpoints = async (
  manager: EntityManager,
  names: readonly string[],
): Promise<Map<string, Position>> => {
  const rows = await rowsOf<{ name: string; position: string }>(
    manager,
    `SELECT name, position FROM ${qualifiedTable(schemaOf(manager), CHECKPOINTS_TABLE)} WHERE name = ANY($1::text[])`,
    [names],
  ).catch((e: Error & { code?: string }) => {
    // Before the first runner starts, its table may not exist: nothing has been projected.
    if (e.code === UNDEFINED_TABLE) return [];
    throw e;
  });
  const found = new Map(rows.map((r) => [r.name, r.position]));
  return new Map(names.map((n) => [n, found.get(n) ?? START]));
};

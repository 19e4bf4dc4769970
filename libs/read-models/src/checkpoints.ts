import type { EntityManager } from 'typeorm';
import { START, type Position } from '@ntm/event-store';
import { qualify, schemaOf } from './table';

/** Where the projection runner keeps its checkpoints (one row per runner name, written with the rows). */
export const CHECKPOINT_TABLE = 'projection_checkpoints';

const UNDEFINED_TABLE = '42P01';

/** The stored positions of the named runners; START for one that has not stored any yet. */
export const readCheckpoints = async (
  manager: EntityManager,
  names: readonly string[],
): Promise<Map<string, Position>> => {
  const rows: { name: string; position: string }[] = await manager
    .query(
      `SELECT name, position FROM ${qualify(schemaOf(manager), CHECKPOINT_TABLE)} WHERE name = ANY($1::text[])`,
      [names],
    )
    // Before the first runner starts, its table may not exist: nothing has been projected.
    .catch((e: { code?: string }) => (e.code === UNDEFINED_TABLE ? [] : Promise.reject(e)));
  const found = new Map(rows.map((r) => [r.name, r.position]));
  return new Map(names.map((n) => [n, found.get(n) ?? START]));
};

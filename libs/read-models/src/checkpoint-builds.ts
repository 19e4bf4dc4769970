import type { Checkpoint } from './runner/checkpoints';
import type { VersionsRow } from './catalog';
import { checkpointName } from './projection';

/**
 * What a projection build's checkpoint stands for now: the build that answers queries, the one being built
 * beside it, or one a newer build replaced (its row stays after a rebuild, and nothing runs it any more).
 */
export type CheckpointBuild = 'live' | 'building' | 'replaced';

/** A checkpoint as the administrator's screen lists it. `build` is null for jobs without builds (`pm:…`, timers). */
export interface ListedCheckpoint extends Checkpoint {
  readonly build: CheckpointBuild | null;
}

const projectionOf = (name: string): string | null => {
  const at = name.lastIndexOf('@');
  return at > 0 ? name.slice(0, at) : null;
};

const buildOf = (name: string, versions: ReadonlyMap<string, VersionsRow>): CheckpointBuild | null => {
  const projection = projectionOf(name);
  const row = projection === null ? undefined : versions.get(projection);
  // Not a build of a projection the catalog knows: nothing to say about it.
  if (!row) return null;
  const of = { name: row.projection };
  if (name === checkpointName(of, row.live)) return 'live';
  if (row.building && name === checkpointName(of, row.building)) return 'building';
  return 'replaced';
};

/**
 * Each checkpoint with where its build stands; a replaced build's row, often written before jobs had labels,
 * takes the label of its projection's other builds, so the administrator sees what it kept up to date.
 */
export const listCheckpoints = (
  checkpoints: readonly Checkpoint[],
  versions: readonly VersionsRow[],
): ListedCheckpoint[] => {
  const byProjection = new Map(versions.map((v) => [v.projection, v]));
  const labels = new Map<string, string>();
  for (const c of checkpoints) {
    const projection = projectionOf(c.name);
    if (projection !== null && c.label) labels.set(projection, c.label);
  }
  return checkpoints.map((c) => ({
    ...c,
    label: c.label ?? labels.get(projectionOf(c.name) ?? '') ?? null,
    build: buildOf(c.name, byProjection),
  }));
};

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualifiedTable } from '@ntm/event-store';

const schemaOfRunner = (q: QueryRunner): string | undefined =>
  (q.connection.options as { schema?: string }).schema;

/**
 * The fixed tables of the read models. The projections' own tables carry a build tag in their name and are
 * created by ProjectionCatalog when a build starts (blue/green), not here.
 */
export class CreateReadModelTables1732600000000 implements MigrationInterface {
  name = 'CreateReadModelTables1732600000000';

  async up(q: QueryRunner): Promise<void> {
    const t = (name: string) => qualifiedTable(schemaOfRunner(q), name);
    await q.query(`CREATE TABLE IF NOT EXISTS ${t('rm_admin_units')} (
      kind text NOT NULL CHECK (kind IN ('province', 'district', 'commune')),
      code text NOT NULL,
      name text NOT NULL,
      province_code text NOT NULL,
      district_code text,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (kind, code))`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS rm_admin_units_province ON ${t('rm_admin_units')} (province_code, kind)`,
    );
    await q.query(`CREATE TABLE IF NOT EXISTS ${t('rm_plans')} (
      province_code text PRIMARY KEY,
      title text NOT NULL,
      reference text,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE IF NOT EXISTS ${t('rm_plan_targets')} (
      province_code text NOT NULL,
      district_code text NOT NULL DEFAULT '',
      year int NOT NULL,
      level text NOT NULL CHECK (level IN ('ntm', 'nang-cao', 'kieu-mau')),
      target int NOT NULL CHECK (target >= 0),
      PRIMARY KEY (province_code, district_code, year, level))`);
    await q.query(`CREATE TABLE IF NOT EXISTS ${t('rm_projection_versions')} (
      projection text PRIMARY KEY,
      live_version int NOT NULL,
      live_build int NOT NULL,
      building_version int,
      building_build int,
      retired_version int,
      retired_build int,
      switched_at timestamptz NOT NULL DEFAULT now())`);
    // Who has read which notice: kept beside the notifications projection (its ids are deterministic, so the
    // marks survive a rebuild).
    await q.query(`CREATE TABLE IF NOT EXISTS ${t('rm_notification_reads')} (
      user_id text NOT NULL,
      notification_id text NOT NULL,
      read_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, notification_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    const t = (name: string) => qualifiedTable(schemaOfRunner(q), name);
    for (const name of [
      'rm_notification_reads',
      'rm_projection_versions',
      'rm_plan_targets',
      'rm_plans',
      'rm_admin_units',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t(name)}`);
    }
  }
}

/**
 * Plans for 2026-2030 take the hiện đại level. The CHECK stays, as the closed list of levels spelt out (not read
 * from LEVELS, so this applied step never changes); which level a target's year allows is the plan decider's rule.
 */
export class PlanTargetsHienDai1764600000000 implements MigrationInterface {
  name = 'PlanTargetsHienDai1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const t = qualifiedTable(schemaOfRunner(q), 'rm_plan_targets');
    // The first step named its CHECK implicitly: PostgreSQL calls it <table>_level_check.
    await q.query(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS rm_plan_targets_level_check`);
    await q.query(
      `ALTER TABLE ${t} ADD CONSTRAINT rm_plan_targets_level_check
         CHECK (level IN ('ntm', 'nang-cao', 'kieu-mau', 'hien-dai'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const t = qualifiedTable(schemaOfRunner(q), 'rm_plan_targets');
    await q.query(`DELETE FROM ${t} WHERE level = 'hien-dai'`);
    await q.query(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS rm_plan_targets_level_check`);
    await q.query(
      `ALTER TABLE ${t} ADD CONSTRAINT rm_plan_targets_level_check CHECK (level IN ('ntm', 'nang-cao', 'kieu-mau'))`,
    );
  }
}

export const READ_MODEL_MIGRATIONS = [CreateReadModelTables1732600000000, PlanTargetsHienDai1764600000000];

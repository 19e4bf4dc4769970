import { Column, Entity, PrimaryColumn } from 'typeorm';

export const UNIT_KINDS = ['province', 'district', 'commune'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * A province, district or commune as an administrator registered it. Standings count every registered commune,
 * including those that never opened a dossier.
 */
@Entity({ name: 'rm_admin_units' })
export class AdministrativeUnit {
  @PrimaryColumn({ type: 'text' }) kind: UnitKind;
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'province_code' }) provinceCode: string;
  /** Null for provinces, districts themselves, and communes after the two-tier reform. */
  @Column({ type: 'text', name: 'district_code', nullable: true }) districtCode: string | null;
  @Column({ type: 'text', name: 'updated_by' }) updatedBy: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** A province's plan: the header; its targets are PlanTarget rows. */
@Entity({ name: 'rm_plans' })
export class ProvincePlan {
  @PrimaryColumn({ type: 'text', name: 'province_code' }) provinceCode: string;
  @Column({ type: 'text' }) title: string;
  /** The plan document, e.g. "Kế hoạch 2017/KH-UBND". */
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', name: 'updated_by' }) updatedBy: string;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}

/** "By <year>, <target> communes at <level> or above", province-wide (district '') or for one district. */
@Entity({ name: 'rm_plan_targets' })
export class PlanTarget {
  @PrimaryColumn({ type: 'text', name: 'province_code' }) provinceCode: string;
  /** '' for a province-wide target. */
  @PrimaryColumn({ type: 'text', name: 'district_code' }) districtCode: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  @PrimaryColumn({ type: 'text' }) level: string;
  @Column({ type: 'int' }) target: number;
}

/** Which build of each projection answers queries, which one is being built, which one was retired. */
@Entity({ name: 'rm_projection_versions' })
export class ProjectionVersion {
  @PrimaryColumn({ type: 'text' }) projection: string;
  @Column({ type: 'int', name: 'live_version' }) liveVersion: number;
  @Column({ type: 'int', name: 'live_build' }) liveBuild: number;
  @Column({ type: 'int', name: 'building_version', nullable: true }) buildingVersion: number | null;
  @Column({ type: 'int', name: 'building_build', nullable: true }) buildingBuild: number | null;
  @Column({ type: 'int', name: 'retired_version', nullable: true }) retiredVersion: number | null;
  @Column({ type: 'int', name: 'retired_build', nullable: true }) retiredBuild: number | null;
  @Column({ type: 'timestamptz', name: 'switched_at' }) switchedAt: Date;
}

export const READ_MODEL_ENTITIES = [AdministrativeUnit, ProvincePlan, PlanTarget, ProjectionVersion];

import { Column, Entity, PrimaryColumn } from 'typeorm';

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

export const READ_MODEL_ENTITIES = [ProjectionVersion];

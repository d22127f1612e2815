import type { TagRules } from '@lensloop/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row (id 1): the thresholds of the automatic tags and the day of the last nightly run. */
@Entity('tag_settings')
export class TagSettingsEntity {
  @PrimaryColumn('int')
  id: number;

  @Column('simple-json')
  rules: TagRules;

  /** Business date (Asia/Shanghai) the nightly recompute last ran for. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  lastNightlyRun: string | null;
}

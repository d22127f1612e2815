import type { ReminderRule } from '@lensloop/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** The chain's reminder configuration: one row (id 1), absent until an admin saves it (defaults apply). */
@Entity('reminder_config')
export class ReminderConfigEntity {
  @PrimaryColumn('int')
  id: number;

  @Column('simple-json')
  rules: ReminderRule[];

  @Column('int')
  capCount: number;

  @Column('int')
  capDays: number;

  /** `HH:mm` Asia/Shanghai. */
  @Column({ type: 'varchar', length: 5 })
  quietStart: string;

  @Column({ type: 'varchar', length: 5 })
  quietEnd: string;

  @Column({ type: 'int', nullable: true })
  oneToOneSegmentId: number | null;

  @UpdatedAt()
  updatedAt: Date;
}

import type { StaffTaskKind, StaffTaskStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** A 1-to-1 service or arrival task for a staff member (or the store's pool when `staffId` is null). */
@Entity('staff_tasks')
@Index(['staffId', 'status', 'dueAt'])
@Index(['storeId', 'status', 'dueAt'])
@Index(['memberId'])
export class StaffTaskEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @Column('int')
  storeId: number;

  @Column({ type: 'varchar', length: 10 })
  kind: StaffTaskKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'datetime', precision: 6 })
  dueAt: Date;

  @Column({ type: 'varchar', length: 6 })
  status: StaffTaskStatus;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  doneAt: Date | null;

  /** e.g. `occurrence:123` or `arrival:<member>:<store>:<date>`: one task per cause. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 120 })
  dedupeKey: string;

  @CreatedAt()
  createdAt: Date;
}

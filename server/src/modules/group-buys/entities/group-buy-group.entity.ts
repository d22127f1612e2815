import type { GroupStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/**
 * A group of a campaign. Seats are taken by `UPDATE … SET seats_taken = seats_taken + 1 WHERE
 * seats_taken < size AND status = 'open' AND deadline > now` on this row; the group completes by
 * `… SET status = 'complete' WHERE status = 'open' AND paid_count = size`, and fails at its
 * deadline by `… SET status = 'failed' WHERE status = 'open'`: whichever comes first wins.
 */
@Entity('group_buy_groups')
@Index(['status', 'deadline'])
@Index(['campaignId', 'status'])
export class GroupBuyGroupEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  campaignId: number;

  /** The member who opened the group; null once erased. */
  @Column({ type: 'int', nullable: true })
  leaderId: number | null;

  @Column('int')
  size: number;

  /** Seats held (pending or paid); released seats give theirs back. */
  @Column('int', { default: 0 })
  seatsTaken: number;

  @Column('int', { default: 0 })
  paidCount: number;

  @Column({ type: 'varchar', length: 10 })
  status: GroupStatus;

  @Column({ type: 'datetime', precision: 6 })
  deadline: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  failedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

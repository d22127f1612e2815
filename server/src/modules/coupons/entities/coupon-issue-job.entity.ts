import type { IssueJobStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/** An admin push of a template to a member list, worked through in batches by `coupon-issue`. */
@Entity('coupon_issue_jobs')
@Index(['status', 'id'])
export class CouponIssueJobEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  templateId: number;

  @Column({ type: 'varchar', length: 10 })
  status: IssueJobStatus;

  /** The members to issue to, in order; `done` of them have been handled. */
  @Column('simple-json')
  memberIds: number[];

  /** A push to a saved segment: its members are read batch by batch after `cursor` (a member id). */
  @Column({ type: 'int', nullable: true })
  segmentId: number | null;

  @Column('int', { default: 0 })
  cursor: number;

  /** For a segment push: its size when the job started (raised if it grew meanwhile). */
  @Column({ type: 'int', nullable: true })
  total: number | null;

  @Column('int', { default: 0 })
  done: number;

  @Column('int', { default: 0 })
  issued: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

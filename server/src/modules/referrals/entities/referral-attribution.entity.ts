import type { ReferralFriendStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/**
 * A new member (referee) attributed to the member whose code brought them (referrer): one row
 * per referee (unique), so a member is attributed once. The row carries the reward through its
 * life: `registered` → `ordered` (first order completed, `rewardDueAt` set) → `rewarded` |
 * `cancelled` | `capped`, every step a conditional update on the status it leaves.
 */
@Entity('referral_attributions')
@Index(['status', 'rewardDueAt'])
@Index(['referrerId', 'attributedAt'])
export class ReferralAttributionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column('int')
  refereeId: number;

  @Column('int')
  referrerId: number;

  /** The code used; null after an erasure of the referee. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  code: string | null;

  /** The raw wxacode scene of the first login, if any. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  scene: string | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  scannedAt: Date | null;

  /** Business-clock time of the attribution (the first login). */
  @Column({ type: 'datetime', precision: 6 })
  attributedAt: Date;

  @Column({ type: 'varchar', length: 12 })
  status: ReferralFriendStatus;

  /** The referee's first completed order. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  orderId: number | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  orderCompletedAt: Date | null;

  /** When the return window of that order ends and the reward is granted. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  rewardDueAt: Date | null;

  /** When the reward was granted, cancelled or capped. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  settledAt: Date | null;

  /** `YYYY-MM` (Asia/Shanghai) of the reward, counted against the monthly cap. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  rewardMonth: string | null;

  @Column({ type: 'int', nullable: true })
  rewardCouponId: number | null;

  @Column({ type: 'int', nullable: true })
  rewardPoints: number | null;

  /** Why a reward was cancelled: `refunded`, `self_referral`, `referrer_erased`, … */
  @Column({ type: 'varchar', length: 24, nullable: true })
  cancelReason: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

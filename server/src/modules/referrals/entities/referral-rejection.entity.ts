import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A first login with a referral code that was not attributed, and why (counted in the funnel). */
@Entity('referral_rejections')
@Index(['at'])
@Index(['memberId'])
export class ReferralRejectionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The new member who logged in. */
  @Column('int')
  memberId: number;

  /** `unknown_code`, `malformed_code`, `self_referral`, `scan_expired`, … */
  @Column({ type: 'varchar', length: 24 })
  reason: string;

  /** Business-clock time. */
  @Column({ type: 'datetime', precision: 6 })
  at: Date;
}

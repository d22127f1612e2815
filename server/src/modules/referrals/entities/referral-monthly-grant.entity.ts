import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Rewards granted to a referrer in a calendar month (Asia/Shanghai): the cap is held by
 * `UPDATE … SET granted = granted + 1 WHERE granted < cap` on this row, never by counting.
 */
@Entity('referral_monthly_grants')
export class ReferralMonthlyGrantEntity {
  @PrimaryColumn('int')
  referrerId: number;

  /** `YYYY-MM`. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column('int', { default: 0 })
  granted: number;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How far a set-based pass has got. `coupon-expiry`: coupons ending before `until` are scheduled.
 * `purchase-backfill`: a run started at `until` over the orders up to `upTo` has done those up to
 * `position`.
 */
@Entity('reminder_scan_marks')
export class ReminderScanMarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'datetime', precision: 6 })
  until: Date;

  @Column({ type: 'int', nullable: true })
  position: number | null;

  @Column({ type: 'int', nullable: true })
  upTo: number | null;
}

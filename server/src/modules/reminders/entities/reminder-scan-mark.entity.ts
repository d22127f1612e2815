import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far a set-based scan has got (`coupon-expiry`: coupons ending before `until` are scheduled). */
@Entity('reminder_scan_marks')
export class ReminderScanMarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'datetime', precision: 6 })
  until: Date;
}

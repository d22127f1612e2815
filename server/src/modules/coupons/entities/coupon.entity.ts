import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** Stored statuses; `expired` is derived from `valid_to` on the business clock. */
export type StoredCouponStatus = 'available' | 'used';

@Entity('coupons')
// The n-th coupon of a template for a member: two racing claims cannot both be number n.
@Index(['templateId', 'memberId', 'seq'], { unique: true })
@Index(['memberId', 'status'])
@Index(['orderId'])
// The care reminders' expiry scan: available coupons by the end of their validity.
@Index(['status', 'validTo'])
export class CouponEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  templateId: number;

  @Column()
  memberId: number;

  /** 1 … the template's per-member limit. */
  @Column('int')
  seq: number;

  @Column({ type: 'varchar', length: 10 })
  status: StoredCouponStatus;

  /** This coupon's own amount off, replacing the template's (a trade-in credit); null: the template's. */
  @Column({ type: 'int', nullable: true })
  amountOff: number | null;

  @Column({ type: 'datetime', precision: 6 })
  validFrom: Date;

  @Column({ type: 'datetime', precision: 6 })
  validTo: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  usedAt: Date | null;

  /** The order it is used on (online), null when unused or redeemed in store. */
  @Column({ type: 'int', nullable: true })
  orderId: number | null;

  @Column({ type: 'int', nullable: true })
  redeemedByStaffId: number | null;

  @Column({ type: 'int', nullable: true })
  redeemedStoreId: number | null;

  @CreatedAt()
  createdAt: Date;
}

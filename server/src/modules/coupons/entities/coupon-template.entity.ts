import type { CouponChannel, CouponKind, CouponScope } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

@Entity('coupon_templates')
@Index(['channel', 'active'])
export class CouponTemplateEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CouponKind;

  @Column({ type: 'int', nullable: true })
  amountOff: number | null;

  @Column({ type: 'int', nullable: true })
  percentOff: number | null;

  @Column({ type: 'int', nullable: true })
  maxDiscount: number | null;

  @Column('int', { default: 0 })
  threshold: number;

  @Column('simple-json')
  scope: CouponScope;

  /** Null: unlimited. */
  @Column({ type: 'int', nullable: true })
  totalQuantity: number | null;

  /** Coupons handed out so far; raised only by `issued < total_quantity` conditional updates. */
  @Column('int', { default: 0 })
  issued: number;

  @Column('int')
  perMemberLimit: number;

  /** Fixed validity (both set) or `validDays` from issue. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  validFrom: Date | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  validTo: Date | null;

  @Column({ type: 'int', nullable: true })
  validDays: number | null;

  @Column({ type: 'varchar', length: 10 })
  channel: CouponChannel;

  @Column({ default: false })
  stackable: boolean;

  @Column({ default: true })
  active: boolean;

  /**
   * Set on the one reward template per kind of credit (e.g. `trade-in`) that `issueCredit` keeps,
   * whose coupons each carry their own amount; null on templates made by an admin.
   */
  @Column({ type: 'varchar', length: 30, nullable: true, unique: true })
  creditKey: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

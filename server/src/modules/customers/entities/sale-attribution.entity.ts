import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who a paid order is credited to, frozen when it was paid: the member's owner staff at that
 * moment. Transfers never rewrite these rows, so past sales stay with whoever made them.
 */
@Entity('sale_attributions')
@Index(['staffId', 'paidAt'])
@Index(['storeId', 'paidAt'])
export class SaleAttributionEntity {
  @PrimaryColumn()
  orderId: number;

  @Column()
  memberId: number;

  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @Column()
  storeId: number;

  /** Paid in all (WeChat Pay + stored value), fen. */
  @Column('int')
  amount: number;

  @Column({ type: 'datetime', precision: 6 })
  paidAt: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A paid goods order as the tags and KPIs see it; `ownerStaffId` is the owner when it was paid. */
@Entity('tag_order_facts')
@Index(['memberId'])
@Index(['paidAt'])
export class OrderFactEntity {
  @PrimaryColumn('int')
  orderId: number;

  @Column('int')
  memberId: number;

  @Column('int')
  storeId: number;

  @Column({ type: 'int', nullable: true })
  ownerStaffId: number | null;

  /** Paid (WeChat Pay + stored value), fen. */
  @Column('int')
  amount: number;

  @Column({ type: 'datetime', precision: 6 })
  paidAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  refundedAt: Date | null;
}

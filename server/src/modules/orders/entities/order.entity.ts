import type { DeliveryAddress, Fulfilment, OrderKind, OrderStatus } from '@lensloop/shared';
import { Column, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';
import { OrderItemEntity } from './order-item.entity';

@Entity('orders')
@Index(['memberId', 'id'])
@Index(['status', 'expiresAt'])
@Index(['storeId', 'createdAt'])
export class OrderEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The merchant order number, sent to WeChat Pay as `out_trade_no`. */
  @Index({ unique: true })
  @Column({ length: 32 })
  no: string;

  @Column()
  memberId: number;

  /** Goods, or a stored-value top-up (no items; `description` names it). */
  @Column({ type: 'varchar', length: 10, default: 'goods' })
  kind: OrderKind;

  @Column({ type: 'varchar', length: 60, nullable: true })
  description: string | null;

  @Column()
  storeId: number;

  @Column({ type: 'varchar', length: 20 })
  status: OrderStatus;

  @Column({ type: 'varchar', length: 10 })
  fulfilment: Fulfilment;

  @Column({ type: 'simple-json', nullable: true })
  address: DeliveryAddress | null;

  @Column('int')
  subtotal: number;

  @Column('int')
  discount: number;

  @Column('int')
  pointsDiscount: number;

  @Column('int')
  balancePaid: number;

  /** What WeChat Pay collects, in fen. */
  @Column('int')
  payable: number;

  /** Refunded so far through WeChat Pay, in fen (at most `payable`). */
  @Column('int', { default: 0 })
  refunded: number;

  /** Returned to the wallet so far, in fen (at most `balancePaid`). */
  @Column('int', { default: 0 })
  balanceRefunded: number;

  @Column({ type: 'datetime', precision: 6 })
  expiresAt: Date;

  /** Set when a WeChat prepay was made: from then on the reconciliation job asks WeChat. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  payRequestedAt: Date | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  paidAt: Date | null;

  @OneToMany(() => OrderItemEntity, (item) => item.order)
  items: OrderItemEntity[];

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

import type { PricedLens } from '@lensloop/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { OrderEntity } from './order.entity';

/** One line of an order, a snapshot of the product and price at the time of ordering. */
@Entity('order_items')
// Lines are read per order in id order: the index gives them sorted (no filesort).
@Index(['orderId', 'id'])
export class OrderItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  orderId: number;

  @ManyToOne(() => OrderEntity, (order) => order.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'order_id' })
  order: Relation<OrderEntity>;

  @Column()
  skuId: number;

  @Column()
  productId: number;

  @Column({ length: 120 })
  name: string;

  @Column('simple-json')
  attributes: Record<string, string>;

  @Column({ length: 200 })
  imageUrl: string;

  @Column('int')
  quantity: number;

  @Column('int')
  unitPrice: number;

  @Column({ type: 'simple-json', nullable: true })
  lens: PricedLens | null;

  /** A prescription of the member or a family profile; null = "add later at the store". */
  @Index()
  @Column({ type: 'int', nullable: true })
  prescriptionId: number | null;

  @Column('int')
  lineTotal: number;
}

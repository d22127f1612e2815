import type { OrderActor, OrderStatus } from '@lensloop/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step of an order's life, append-only: the timeline the customer sees. */
@Entity('order_events')
export class OrderEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  orderId: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: OrderStatus | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: OrderStatus;

  @Column({ type: 'varchar', length: 10 })
  actor: OrderActor;

  /** Member id for a customer, staff id for staff, null for the system. */
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}

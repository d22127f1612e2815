import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/**
 * A domain event written in the same transaction as the change it announces, delivered after
 * the commit by the dispatcher. `availableAt` is when it may next be claimed: a claim leases it
 * by moving `availableAt` forward, so an event whose process died is claimed again later.
 */
@Entity('outbox_events')
@Index('IDX_outbox_events_due', ['deliveredAt', 'deadAt', 'availableAt'])
export class OutboxEventEntity {
  // INT like every id (the embedded SQLite cannot auto-increment a BIGINT): 2.1 billion events.
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 64 })
  type: string;

  @Column({ length: 64 })
  aggregateId: string;

  @Column('text')
  payload: string;

  @Column({ type: 'datetime', precision: 6 })
  availableAt: Date;

  @Column('int', { default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  deliveredAt: Date | null;

  /** Set when the event failed too often; an admin can re-drive it. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  deadAt: Date | null;

  /** The request whose transaction published the event (`x-request-id`), so its delivery logs join up. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @CreatedAt()
  createdAt: Date;
}

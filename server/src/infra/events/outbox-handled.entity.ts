import { Entity, PrimaryColumn } from 'typeorm';
import { CreatedAt } from '../database/columns';

/** One row per handler that finished an event: a redelivered event skips the handlers already done. */
@Entity('outbox_handled')
export class OutboxHandledEntity {
  @PrimaryColumn()
  eventId: number;

  @PrimaryColumn({ length: 80 })
  handler: string;

  @CreatedAt()
  handledAt: Date;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A verified, decrypted WeCom callback, kept to be handled from the outbox (the callback is
 * acknowledged at once). The unique nonce refuses a replay.
 */
@Entity('wecom_callbacks')
@Index('IDX_wecom_callbacks_received_at', ['receivedAt'])
export class WecomCallbackEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 64 })
  nonce: string;

  @Column({ length: 40 })
  event: string;

  @Column({ length: 40 })
  changeType: string;

  /** The decrypted message fields (XML elements by name). */
  @Column({ type: 'simple-json' })
  fields: Record<string, string>;

  @Column({ type: 'datetime', precision: 6 })
  receivedAt: Date;
}

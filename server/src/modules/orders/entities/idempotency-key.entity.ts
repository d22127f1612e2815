import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** A member's `Idempotency-Key` on POST /orders, with the stored response once it finished. */
@Entity('idempotency_keys')
@Index(['memberId', 'key'], { unique: true })
export class IdempotencyKeyEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  @Column({ length: 100 })
  key: string;

  /** SHA-256 of the canonical request body. */
  @Column({ length: 64 })
  requestHash: string;

  /** The response body once the request finished; null while it is running. */
  @Column({ type: 'text', nullable: true })
  response: string | null;

  @CreatedAt()
  createdAt: Date;

  @Index()
  @Column({ type: 'datetime', precision: 6 })
  expiresAt: Date;
}

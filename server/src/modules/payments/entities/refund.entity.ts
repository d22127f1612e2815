import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

export type RefundState = 'pending' | 'processing' | 'succeeded' | 'failed';

/**
 * A refund, written before WeChat is asked. `outRefundNo` is deterministic and unique, so a
 * retried call (by the reconciliation job or another replica) can never refund twice.
 */
@Entity('refunds')
@Index(['state', 'id'])
export class RefundEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  orderId: number;

  @Index({ unique: true })
  @Column({ length: 64 })
  outRefundNo: string;

  @Column('int')
  amount: number;

  @Column({ length: 80 })
  reason: string;

  @Column({ type: 'varchar', length: 12 })
  state: RefundState;

  @Column({ type: 'varchar', length: 64, nullable: true })
  refundId: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

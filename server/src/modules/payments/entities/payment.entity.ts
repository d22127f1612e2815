import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** Money WeChat Pay collected for an order; one row per WeChat transaction, whatever retries. */
@Entity('payments')
export class PaymentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  orderId: number;

  @Column({ length: 32 })
  outTradeNo: string;

  @Index({ unique: true })
  @Column({ length: 32 })
  transactionId: string;

  @Column('int')
  amount: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  payerOpenid: string | null;

  @Column({ type: 'datetime', precision: 6 })
  paidAt: Date;

  @CreatedAt()
  createdAt: Date;
}

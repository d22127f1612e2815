import type { TopUpState } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/** A top-up: its plan's amounts at the time, the order it is paid through, and what a refund took back. */
@Entity('wallet_top_ups')
@Index(['memberId', 'id'])
export class WalletTopUpEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  @Column()
  planId: number;

  @Index({ unique: true })
  @Column()
  orderId: number;

  @Column('int')
  pay: number;

  @Column('int')
  credit: number;

  @Column({ type: 'varchar', length: 10 })
  state: TopUpState;

  /** Principal of this top-up refunded (taken out of the wallet and paid back through WeChat). */
  @Column('int', { default: 0 })
  principalRefunded: number;

  /** Bonus of this top-up removed with those refunds. */
  @Column('int', { default: 0 })
  bonusRemoved: number;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  creditedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

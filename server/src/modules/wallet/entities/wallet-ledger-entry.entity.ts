import type { WalletEntryKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** One movement of a member's stored value; append-only (never updated or deleted). */
@Entity('wallet_ledger')
@Index(['memberId', 'id'])
@Index(['orderId'])
export class WalletLedgerEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  /** Signed fen: `principalDelta + bonusDelta`. */
  @Column('int')
  amount: number;

  @Column('int')
  principalDelta: number;

  @Column('int')
  bonusDelta: number;

  /** The balance (principal + bonus) right after this entry. */
  @Column('int')
  balanceAfter: number;

  @Column({ type: 'varchar', length: 16 })
  kind: WalletEntryKind;

  @Column({ type: 'int', nullable: true })
  orderId: number | null;

  @Column({ type: 'int', nullable: true })
  topUpId: number | null;

  /** Entries that happen once per fact (`payment:<order>`, `cancel:<order>`, `top_up:<id>`); null otherwise. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  onceKey: string | null;

  @CreatedAt()
  createdAt: Date;
}

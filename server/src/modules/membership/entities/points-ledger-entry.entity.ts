import type { PointsEntryKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** The append-only points ledger: the sum of a member's entries is their balance. */
@Entity('points_ledger')
@Index(['memberId', 'id'])
// An order earns, spends, gets back and loses its points once each.
@Index(['orderId', 'kind'], { unique: true })
export class PointsLedgerEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  /** Signed points. */
  @Column('int')
  points: number;

  @Column('int')
  balanceAfter: number;

  @Column({ type: 'varchar', length: 16 })
  kind: PointsEntryKind;

  @Column({ type: 'int', nullable: true })
  orderId: number | null;

  @CreatedAt()
  createdAt: Date;
}

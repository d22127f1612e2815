import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/**
 * A member's points balance: debited with a conditional update (`balance >= n`), so it never
 * goes below zero; every change writes a ledger entry in the same transaction.
 */
@Entity('points_accounts')
export class PointsAccountEntity {
  @PrimaryColumn('int')
  memberId: number;

  @Column('int', { default: 0 })
  balance: number;

  @UpdatedAt()
  updatedAt: Date;
}

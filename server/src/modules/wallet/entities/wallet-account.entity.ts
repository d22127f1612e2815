import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/**
 * A member's stored value: the principal paid in (refundable) and the bonus on top, apart.
 * The balance is their sum and always equals the sum of the member's ledger entries.
 */
@Entity('wallet_accounts')
export class WalletAccountEntity {
  @PrimaryColumn()
  memberId: number;

  @Column('int', { default: 0 })
  principal: number;

  @Column('int', { default: 0 })
  bonus: number;

  @UpdatedAt()
  updatedAt: Date;
}

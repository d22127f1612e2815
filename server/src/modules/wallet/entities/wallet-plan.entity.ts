import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** A top-up plan: pay `pay`, receive `credit`. Replaced plans stay (inactive) for the top-ups that used them. */
@Entity('wallet_plans')
@Index(['active', 'credit'])
export class WalletPlanEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  pay: number;

  @Column('int')
  credit: number;

  @Column({ default: true })
  active: boolean;

  @CreatedAt()
  createdAt: Date;
}

import type { TradeInRules } from '@lensloop/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** The estimate table: one row (id 1) once an admin has saved it; the module's defaults before that. */
@Entity('trade_in_rules')
export class TradeInRulesEntity {
  @PrimaryColumn('int')
  id: number;

  @Column('simple-json')
  rules: TradeInRules;

  @UpdatedAt()
  updatedAt: Date;
}

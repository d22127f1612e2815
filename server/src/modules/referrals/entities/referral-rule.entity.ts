import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** The one referral rule (row id 1); defaults apply until an admin saves one. */
@Entity('referral_rules')
export class ReferralRuleEntity {
  @PrimaryColumn('int')
  id: number;

  @Column({ type: 'int', nullable: true })
  couponTemplateId: number | null;

  @Column({ type: 'int', nullable: true })
  points: number | null;

  @Column('int')
  returnWindowDays: number;

  @Column('int')
  monthlyCapPerReferrer: number;

  @Column('int')
  attributionDays: number;

  @UpdatedAt()
  updatedAt: Date;
}

import type { MemberTier } from '@lensloop/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** One tier of the admin's tier table; without rows the defaults of `tier.policy.ts` apply. */
@Entity('membership_tier_rules')
export class TierRuleEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  tier: MemberTier;

  /** Rolling 12-month paid spend that reaches the tier, fen. */
  @Column('int')
  minSpend: number;

  @Column('int')
  discountPercent: number;

  /** Hundredths: 150 → 1.5 × the points per yuan. */
  @Column('int')
  pointsMultiplier: number;

  @UpdatedAt()
  updatedAt: Date;
}

import type { MemberTier } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/**
 * A member's tier as last computed from their rolling 12-month spend (no row: the lowest tier,
 * no spend). `reviewAt` is when the oldest paid order of the window ages out: the `tier-review`
 * job recomputes only the members whose `reviewAt` has come.
 */
@Entity('member_tiers')
@Index(['reviewAt'])
export class MemberTierEntity {
  @PrimaryColumn('int')
  memberId: number;

  @Column({ type: 'varchar', length: 16 })
  tier: MemberTier;

  /** Paid spend of the 12 months before `computedAt`, fen. */
  @Column('int')
  spend12m: number;

  @Column({ type: 'datetime', precision: 6 })
  computedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  reviewAt: Date | null;

  @UpdatedAt()
  updatedAt: Date;
}

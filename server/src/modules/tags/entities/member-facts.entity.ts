import type { CustomerChannel } from '../../../infra/events/domain-events';
import type { PurchaseClass, Quadrant } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the tags module knows of a member, kept up to date from events (registration, arrival,
 * owner, orders, prescriptions), with the derived class and quadrant. Segments are counted over
 * this table and `member_tags` alone, in one statement.
 */
@Entity('tag_member_facts')
@Index(['ownerStaffId', 'memberId'])
@Index(['homeStoreId'])
@Index(['purchaseClass'])
export class MemberFactsEntity {
  @PrimaryColumn('int')
  memberId: number;

  @Column({ type: 'datetime', precision: 6 })
  registeredAt: Date;

  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: CustomerChannel | null;

  @Column({ type: 'int', nullable: true })
  homeStoreId: number | null;

  /** The home store's city (region tag, LBS). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  region: string | null;

  @Column({ type: 'int', nullable: true })
  ownerStaffId: number | null;

  /** Paid goods orders not refunded. */
  @Column('int', { default: 0 })
  purchases: number;

  /** Net spend on goods (fen). */
  @Column('int', { default: 0 })
  spend: number;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  firstPurchaseAt: Date | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  lastPurchaseAt: Date | null;

  @Column({ type: 'varchar', length: 1, default: 'A' })
  purchaseClass: PurchaseClass;

  @Column({ type: 'varchar', length: 8, nullable: true })
  quadrant: Quadrant | null;

  /** The life-stage tags as bits (`LIFE_TAG_BITS`), so segments test them without a join. */
  @Column('int', { default: 0 })
  lifeTags: number;
}

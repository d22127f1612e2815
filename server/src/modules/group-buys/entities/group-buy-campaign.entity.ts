import type { ProductCategory } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/**
 * A group-buy campaign: one SKU at a group price for groups of `groupSize`. The product's name,
 * category and picture are copied when it is created, so listing campaigns reads one table.
 * `groupsOpened` holds `maxGroups` by a conditional update, never by counting.
 */
@Entity('group_buy_campaigns')
@Index(['startsAt', 'endsAt'])
export class GroupBuyCampaignEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 60 })
  name: string;

  @Column()
  skuId: number;

  @Column()
  productId: number;

  @Column({ length: 120 })
  productName: string;

  @Column({ type: 'varchar', length: 20 })
  category: ProductCategory;

  @Column({ length: 255 })
  imageUrl: string;

  @Column('int')
  listPrice: number;

  @Column('int')
  groupPrice: number;

  @Column('int')
  groupSize: number;

  @Column('int')
  hoursToComplete: number;

  @Column({ type: 'datetime', precision: 6 })
  startsAt: Date;

  @Column({ type: 'datetime', precision: 6 })
  endsAt: Date;

  @Column({ type: 'int', nullable: true })
  maxGroups: number | null;

  @Column('int', { default: 0 })
  groupsOpened: number;

  @Column('int')
  perMemberLimit: number;

  @Column({ default: false })
  newMembersOnly: boolean;

  /** Set when an operator ended the campaign before `endsAt`. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  endedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

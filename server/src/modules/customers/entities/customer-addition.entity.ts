import type { CustomerChannelName } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * How a member was added to the chain's private domain, once per member (the primary key makes
 * a second scan, a WeCom callback and the first-login event settle on one row).
 */
@Entity('customer_additions')
@Index(['staffId', 'addedAt'])
@Index(['storeId', 'addedAt'])
export class CustomerAdditionEntity {
  @PrimaryColumn()
  memberId: number;

  @Column({ type: 'varchar', length: 16 })
  channel: CustomerChannelName;

  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  regionCode: string | null;

  /** Whether the member had bound a phone when added: it chose the welcome coupon. */
  @Column()
  registered: boolean;

  @Column({ type: 'int', nullable: true })
  welcomeCouponId: number | null;

  @Column({ type: 'datetime', precision: 6 })
  addedAt: Date;
}

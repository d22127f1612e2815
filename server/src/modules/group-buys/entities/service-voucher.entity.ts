import type { VoucherStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/**
 * A service voucher of a complete service group (a free cleaning, a ¥1 eye exam): one per seat,
 * redeemed once in store by `UPDATE … SET status = 'redeemed' WHERE status = 'unused'`.
 */
@Entity('service_vouchers')
@Index(['memberId', 'id'])
export class ServiceVoucherEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 16 })
  code: string;

  @Column()
  memberId: number;

  @Column()
  groupId: number;

  @Index({ unique: true })
  @Column()
  orderId: number;

  @Column()
  productId: number;

  @Column({ length: 120 })
  productName: string;

  @Column({ type: 'varchar', length: 10 })
  status: VoucherStatus;

  /** Last day it can be redeemed, `YYYY-MM-DD` (Asia/Shanghai). */
  @Column({ type: 'varchar', length: 10 })
  validTo: string;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  redeemedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  redeemedBy: number | null;

  @Column({ type: 'int', nullable: true })
  redeemedStoreId: number | null;

  @CreatedAt()
  createdAt: Date;
}

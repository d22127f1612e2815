import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A known customer scanned a store's counter code: at most one row per member, store and day. */
@Entity('customer_arrivals')
@Index(['memberId', 'storeId', 'day'], { unique: true })
@Index(['storeId', 'arrivedAt'])
export class CustomerArrivalEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  @Column()
  storeId: number;

  /** The business day (Asia/Shanghai), `YYYY-MM-DD`. */
  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'int', nullable: true })
  ownerStaffId: number | null;

  @Column({ type: 'datetime', precision: 6 })
  arrivedAt: Date;
}

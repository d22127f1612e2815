import type { SeatStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/**
 * A member's seat in a group, held by their order at the group price. `activeMemberId` is the
 * member while the seat is held and null once released: the unique key (group, active member)
 * stops a member joining a group twice, and lets them join again after an unpaid seat lapsed.
 */
@Entity('group_buy_seats')
@Index(['groupId', 'activeMemberId'], { unique: true })
@Index(['memberId', 'id'])
export class GroupBuySeatEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  groupId: number;

  @Column()
  campaignId: number;

  /** Null once the member is erased (the order stays for the accounts). */
  @Column({ type: 'int', nullable: true })
  memberId: number | null;

  @Column({ type: 'int', nullable: true })
  activeMemberId: number | null;

  @Index({ unique: true })
  @Column()
  orderId: number;

  @Column({ default: false })
  leader: boolean;

  @Column({ type: 'varchar', length: 10 })
  status: SeatStatus;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  paidAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

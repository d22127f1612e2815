import type { OwnerChangeReason } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only history of `members.owner_staff_id`: every change, who made it and why. */
@Entity('owner_changes')
@Index(['memberId', 'id'])
@Index(['toStaffId', 'changedAt'])
export class OwnerChangeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  @Column({ type: 'int', nullable: true })
  fromStaffId: number | null;

  @Column()
  toStaffId: number;

  @Column({ type: 'varchar', length: 16 })
  reason: OwnerChangeReason;

  /** The staff member (manager, admin) who made a transfer; null when the customer's scan or purchase did. */
  @Column({ type: 'int', nullable: true })
  changedByStaffId: number | null;

  @Column({ type: 'datetime', precision: 6 })
  changedAt: Date;
}

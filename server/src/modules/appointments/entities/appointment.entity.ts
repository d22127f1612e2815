import type { AppointmentService, AppointmentStatus } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

/** A member's booking of an optometrist's time at a store, for themself or a family profile. */
@Entity('appointments')
@Index(['memberId', 'startsAt'])
// The store's day on the desk, and the reminder job's "tomorrow".
@Index(['storeId', 'startsAt'])
export class AppointmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column('int')
  profileId: number;

  @Column('int')
  storeId: number;

  @Column({ type: 'varchar', length: 10 })
  service: AppointmentService;

  @Column({ type: 'datetime', precision: 6 })
  startsAt: Date;

  @Column({ type: 'datetime', precision: 6 })
  endsAt: Date;

  @Column({ type: 'varchar', length: 10 })
  status: AppointmentStatus;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

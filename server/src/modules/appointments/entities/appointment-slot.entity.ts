import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How many places of one slot are taken. A row exists once a slot was first booked; booking
 * increments `booked` only while it is below the capacity (`UPDATE … WHERE booked < capacity`,
 * affected rows checked), so concurrent bookings cannot overfill it.
 */
@Entity('appointment_slots')
@Index(['storeId', 'startsAt'], { unique: true })
export class AppointmentSlotEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  storeId: number;

  @Column({ type: 'datetime', precision: 6 })
  startsAt: Date;

  @Column({ type: 'int', default: 0 })
  booked: number;
}

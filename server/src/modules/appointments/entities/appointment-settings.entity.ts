import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** A store's slot length and places per optometrist; a store without a row uses the defaults. */
@Entity('appointment_settings')
export class AppointmentSettingsEntity {
  @PrimaryColumn('int')
  storeId: number;

  @Column('int')
  slotMinutes: number;

  @Column('int')
  perOptometrist: number;

  @UpdatedAt()
  updatedAt: Date;
}

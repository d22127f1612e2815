import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

@Entity('stores')
export class StoreEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 100 })
  name: string;

  /** The English translation of `name`. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  nameEn: string | null;

  @Column({ length: 50 })
  city: string;

  @Column({ length: 200 })
  address: string;

  @Column({ length: 30 })
  phone: string;

  @Column('double')
  lat: number;

  @Column('double')
  lng: number;

  @Column({ length: 50 })
  hours: string;

  @CreatedAt()
  createdAt: Date;
}

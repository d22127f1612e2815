import type { SegmentFilter } from '@lensloop/shared';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

@Entity('segments')
export class SegmentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ length: 64 })
  name: string;

  @Column('simple-json')
  filter: SegmentFilter;

  @CreatedAt()
  createdAt: Date;
}

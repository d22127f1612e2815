import type { ProfileRelation } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** A person whose eyes a member keeps records for: the member themself or a family member. */
@Entity('profiles')
export class ProfileEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column('int')
  memberId: number;

  @Column({ length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  relation: ProfileRelation;

  /** `YYYY-MM-DD`; null when unknown. */
  @Column({ type: 'date', nullable: true })
  birthDate: string | null;

  @CreatedAt()
  createdAt: Date;
}

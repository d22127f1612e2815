import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../database/columns';

/**
 * How far a long-running job has got (the last id it finished), so a run that was killed or
 * stopped continues where it left off. One row per job and target, e.g. `prescription-rekey:2027a`;
 * a replica working on a job holds its row `FOR UPDATE` for the batch.
 */
@Entity('job_cursors')
export class JobCursorEntity {
  @PrimaryColumn({ length: 64 })
  name: string;

  @Column('int')
  position: number;

  @UpdatedAt()
  updatedAt: Date;
}

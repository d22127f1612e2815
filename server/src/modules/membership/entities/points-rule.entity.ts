import { Column, Entity, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '../../../infra/database/columns';

/** The points rule, one row (id 1) once an admin has set it; the defaults apply before. */
@Entity('points_rules')
export class PointsRuleEntity {
  @PrimaryColumn('int')
  id: number;

  @Column('int')
  pointsPerYuan: number;

  @Column('int')
  pointsPerYuanSpent: number;

  @Column('int')
  maxOrderPercent: number;

  @UpdatedAt()
  updatedAt: Date;
}

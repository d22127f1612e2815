import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/**
 * Points earned together and expiring together (an order's earn, the demo's opening points).
 * Spending takes from the lots that expire first; the `points-expiry` job empties lots past
 * `expiresAt`.
 */
@Entity('points_lots')
@Index(['memberId', 'expiresAt'])
@Index(['expiresAt', 'remaining'])
export class PointsLotEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  @Column({ type: 'int', nullable: true })
  orderId: number | null;

  @Column('int')
  points: number;

  /** What is left of `points` to spend. */
  @Column('int')
  remaining: number;

  @Column({ type: 'datetime', precision: 6 })
  expiresAt: Date;

  @CreatedAt()
  createdAt: Date;
}

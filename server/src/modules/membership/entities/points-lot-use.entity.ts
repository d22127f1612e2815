import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Which lots an order's points came from, so a cancel or refund puts them back where they were. */
@Entity('points_lot_uses')
@Index(['orderId'])
export class PointsLotUseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  orderId: number;

  @Column()
  lotId: number;

  @Column('int')
  points: number;
}

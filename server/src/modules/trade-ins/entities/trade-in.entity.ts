import type {
  TradeInBrandTier,
  TradeInCategory,
  TradeInCondition,
  TradeInMaterial,
  TradeInStatus,
} from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

@Entity('trade_ins')
@Index(['memberId', 'id'])
@Index(['storeId', 'status'])
export class TradeInEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  /** The store the glasses are brought to. */
  @Column()
  storeId: number;

  @Column({ type: 'varchar', length: 20 })
  category: TradeInCategory;

  @Column({ type: 'varchar', length: 20 })
  material: TradeInMaterial;

  @Column({ type: 'varchar', length: 20 })
  brandTier: TradeInBrandTier;

  @Column('int')
  ageYears: number;

  @Column({ type: 'varchar', length: 20 })
  condition: TradeInCondition;

  /** The estimate at submission, fen; the inspection must stay inside it. */
  @Column('int')
  estimateMin: number;

  @Column('int')
  estimateMax: number;

  /** Changed only by conditional updates `… WHERE status = 'submitted'`. */
  @Column({ type: 'varchar', length: 12 })
  status: TradeInStatus;

  @Column({ type: 'int', nullable: true })
  finalAmount: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  inspectionNote: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  /** The credit coupon issued by the inspection. */
  @Column({ type: 'int', nullable: true })
  couponId: number | null;

  /** Who inspected or rejected it (their store is `storeId`, checked then). */
  @Column({ type: 'int', nullable: true })
  inspectedByStaffId: number | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  inspectedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

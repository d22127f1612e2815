import type { LensSelection } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** One line of a member's server-side cart; priced afresh every time the cart is read. */
@Entity('cart_items')
export class CartItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  memberId: number;

  @Column()
  skuId: number;

  @Column('int')
  quantity: number;

  @Column({ type: 'simple-json', nullable: true })
  lens: LensSelection | null;

  @CreatedAt()
  createdAt: Date;
}

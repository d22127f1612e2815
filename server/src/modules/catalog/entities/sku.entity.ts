import type { LensPowerRange } from '@lensloop/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProductEntity } from './product.entity';

@Entity('skus')
// A product's SKUs on sale in price order (the detail page) straight from the index, no filesort.
@Index(['productId', 'onSale', 'price', 'id'])
export class SkuEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  productId: number;

  @ManyToOne(() => ProductEntity, (product) => product.skus, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product: Relation<ProductEntity>;

  @Index({ unique: true })
  @Column({ length: 60 })
  code: string;

  /** Display attributes such as colour, size, power or box size. */
  @Column('simple-json')
  attributes: Record<string, string>;

  /** Price in fen. */
  @Column('int')
  price: number;

  /** Spectacle lenses: the powers this SKU can be made in (null for other products). */
  @Column({ type: 'simple-json', nullable: true })
  powerRange: LensPowerRange | null;

  @Column({ default: true })
  onSale: boolean;
}

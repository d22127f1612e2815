import type { ProductCategory } from '@lensloop/shared';
import { Column, Entity, Index, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';
import { SkuEntity } from './sku.entity';

@Entity('products')
@Index(['onSale', 'category', 'id'])
@Index(['onSale', 'featured', 'id'])
// The lenses a frame offers, cheapest first, straight from the index (no filesort).
@Index(['onSale', 'category', 'priceFrom', 'id'])
export class ProductEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  category: ProductCategory;

  /** The name as customers in China read it (Simplified Chinese). */
  @Column({ length: 120 })
  name: string;

  /** The English translation of `name`, for the English UI. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  nameEn: string | null;

  @Column({ length: 60 })
  brand: string;

  @Column('text')
  description: string;

  @Column({ length: 200 })
  imageUrl: string;

  /** Lowest price of the product's SKUs on sale, in fen; kept by the catalog when SKUs change. */
  @Column('int')
  priceFrom: number;

  @Column({ default: false })
  featured: boolean;

  @Column({ default: true })
  onSale: boolean;

  @OneToMany(() => SkuEntity, (sku) => sku.product)
  skus: SkuEntity[];

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

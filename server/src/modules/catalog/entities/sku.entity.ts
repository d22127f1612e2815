import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ProductEntity } from './product.entity';

@Entity('skus')
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

  @Column({ default: true })
  onSale: boolean;
}

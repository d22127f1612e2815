import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Units of one SKU on hand in one store. */
@Entity('store_stock')
@Index(['skuId'])
export class StoreStockEntity {
  @PrimaryColumn()
  storeId: number;

  @PrimaryColumn()
  skuId: number;

  @Column('int')
  quantity: number;
}

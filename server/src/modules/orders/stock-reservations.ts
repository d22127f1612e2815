import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { StoreStockEntity } from '../catalog/entities/store-stock.entity';
import { stockDemand, type StockDemand } from './policies/stock-demand';

/**
 * Stock held by orders. Reserving is a conditional decrement (`… AND quantity >= n`, affected
 * rows checked) inside the order's transaction, so no interleaving can oversell or go negative.
 */
@Injectable()
export class StockReservations {
  async reserve(manager: EntityManager, storeId: number, lines: readonly StockDemand[]): Promise<void> {
    for (const demand of stockDemand(lines)) {
      const result = await manager
        .createQueryBuilder()
        .update(StoreStockEntity)
        .set({ quantity: () => 'quantity - :units' })
        .where('store_id = :storeId AND sku_id = :skuId AND quantity >= :units')
        .setParameters({ storeId, skuId: demand.skuId, units: demand.quantity })
        .execute();
      if (result.affected !== 1) {
        throw new DomainError(ErrorCode.OUT_OF_STOCK, 'Not enough stock in this store.', [
          { field: 'items', message: `SKU ${demand.skuId}: fewer than ${demand.quantity} in stock` },
        ]);
      }
    }
  }

  async release(manager: EntityManager, storeId: number, lines: readonly StockDemand[]): Promise<void> {
    for (const demand of stockDemand(lines)) {
      await manager
        .createQueryBuilder()
        .update(StoreStockEntity)
        .set({ quantity: () => 'quantity + :units' })
        .where('store_id = :storeId AND sku_id = :skuId')
        .setParameters({ storeId, skuId: demand.skuId, units: demand.quantity })
        .execute();
    }
  }
}

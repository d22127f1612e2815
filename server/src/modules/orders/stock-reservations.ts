import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CatalogService, type StockDemand } from '../catalog/catalog.service';

/**
 * Stock held by orders, taken and given back through the catalog in the order's transaction
 * (the catalog owns `store_stock` and its conditional updates).
 */
@Injectable()
export class StockReservations {
  constructor(private readonly catalog: CatalogService) {}

  reserve(manager: EntityManager, storeId: number, lines: readonly StockDemand[]): Promise<void> {
    return this.catalog.reserveStock(manager, storeId, lines);
  }

  release(manager: EntityManager, storeId: number, lines: readonly StockDemand[]): Promise<void> {
    return this.catalog.releaseStock(manager, storeId, lines);
  }
}

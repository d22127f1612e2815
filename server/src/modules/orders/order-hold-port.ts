import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Something that keeps a paid order from being fulfilled for now, e.g. a group-buy seat whose
 * group is not complete yet. Orders define it; the holding module registers with the port below.
 */
export interface OrderHolder {
  /** Why the order is held (shown to staff), or null when this holder does not hold it. */
  holdOf(manager: EntityManager, orderId: number): Promise<string | null>;
}

/** The orders module's port for holds: staff cannot move a held order on. */
@Injectable()
export class OrderHoldPort {
  private readonly holders: OrderHolder[] = [];

  register(holder: OrderHolder): void {
    this.holders.push(holder);
  }

  async holdOf(manager: EntityManager, orderId: number): Promise<string | null> {
    for (const holder of this.holders) {
      const reason = await holder.holdOf(manager, orderId);
      if (reason) return reason;
    }
    return null;
  }
}

import { ORDER_STATUSES, type Fulfilment, type OrderActor, type OrderStatus } from './order.types';

interface TransitionRule {
  to: OrderStatus;
  by: readonly OrderActor[];
  /** Only for orders with this fulfilment. */
  fulfilment?: Fulfilment;
}

/**
 * The order life cycle. Payment, refunds and expiry are the system's; staff move paid orders
 * through the lens lab to pickup, or ship them; a customer cancels an unpaid order or asks
 * for a refund of a paid one that has not gone to the lab yet.
 */
const RULES: Record<OrderStatus, readonly TransitionRule[]> = {
  pending_payment: [
    { to: 'paid', by: ['system'] },
    { to: 'cancelled', by: ['customer', 'staff', 'system'] },
  ],
  paid: [
    { to: 'processing', by: ['staff'], fulfilment: 'pickup' },
    { to: 'shipped', by: ['staff'], fulfilment: 'delivery' },
    { to: 'refund_requested', by: ['customer'] },
    { to: 'refunded', by: ['system'] },
    // A top-up order is credited to the wallet when paid: nothing to fulfil.
    { to: 'completed', by: ['system'] },
  ],
  processing: [
    { to: 'ready_for_pickup', by: ['staff'] },
    { to: 'refunded', by: ['system'] },
  ],
  ready_for_pickup: [
    { to: 'completed', by: ['staff'] },
    { to: 'refunded', by: ['system'] },
  ],
  shipped: [
    { to: 'completed', by: ['staff', 'customer'] },
    { to: 'refunded', by: ['system'] },
  ],
  refund_requested: [{ to: 'refunded', by: ['system'] }],
  completed: [{ to: 'refunded', by: ['system'] }],
  cancelled: [],
  refunded: [],
};

/** Whether `actor` may move an order with `fulfilment` from `from` to `to`. */
export function canTransition(
  from: OrderStatus,
  to: OrderStatus,
  actor: OrderActor,
  fulfilment: Fulfilment,
): boolean {
  return RULES[from].some(
    (rule) =>
      rule.to === to && rule.by.includes(actor) && (!rule.fulfilment || rule.fulfilment === fulfilment),
  );
}

/** The next step a store moves the order to, or null when it waits on someone else. */
export function nextStaffStatus(status: OrderStatus, fulfilment: Fulfilment): OrderStatus | null {
  const rule = RULES[status].find(
    (candidate) =>
      candidate.by.includes('staff') &&
      candidate.to !== 'cancelled' &&
      (!candidate.fulfilment || candidate.fulfilment === fulfilment),
  );
  return rule?.to ?? null;
}

/** Statuses in which the order holds paid money that can still be refunded. */
export const REFUNDABLE_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((status) =>
  RULES[status].some((rule) => rule.to === 'refunded'),
);

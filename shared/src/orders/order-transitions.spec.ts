import { canTransition, nextStaffStatus } from './order-transitions';
import type { Fulfilment, OrderActor, OrderStatus } from './order.types';

describe('canTransition', () => {
  const cases: [OrderStatus, OrderStatus, OrderActor, Fulfilment, boolean][] = [
    ['pending_payment', 'paid', 'system', 'pickup', true],
    ['pending_payment', 'paid', 'customer', 'pickup', false],
    ['pending_payment', 'paid', 'staff', 'pickup', false],
    ['pending_payment', 'cancelled', 'customer', 'pickup', true],
    ['pending_payment', 'cancelled', 'system', 'delivery', true],
    ['pending_payment', 'processing', 'staff', 'pickup', false],
    ['paid', 'processing', 'staff', 'pickup', true],
    ['paid', 'processing', 'staff', 'delivery', false],
    ['paid', 'shipped', 'staff', 'delivery', true],
    ['paid', 'shipped', 'staff', 'pickup', false],
    ['paid', 'cancelled', 'customer', 'pickup', false],
    ['paid', 'cancelled', 'staff', 'pickup', false],
    ['paid', 'refund_requested', 'customer', 'pickup', true],
    ['paid', 'refunded', 'system', 'pickup', true],
    ['paid', 'refunded', 'staff', 'pickup', false],
    // A top-up order is completed by the system as soon as it is paid; staff never skip the lab.
    ['paid', 'completed', 'system', 'pickup', true],
    ['paid', 'completed', 'staff', 'pickup', false],
    ['processing', 'ready_for_pickup', 'staff', 'pickup', true],
    ['processing', 'completed', 'staff', 'pickup', false],
    ['processing', 'refund_requested', 'customer', 'pickup', false],
    ['ready_for_pickup', 'completed', 'staff', 'pickup', true],
    ['ready_for_pickup', 'completed', 'customer', 'pickup', false],
    ['shipped', 'completed', 'customer', 'delivery', true],
    ['refund_requested', 'refunded', 'system', 'pickup', true],
    ['refund_requested', 'paid', 'staff', 'pickup', false],
    ['cancelled', 'paid', 'system', 'pickup', false],
    ['cancelled', 'pending_payment', 'system', 'pickup', false],
    ['refunded', 'paid', 'system', 'pickup', false],
    ['completed', 'processing', 'staff', 'pickup', false],
  ];

  it.each(cases)('should allow %s → %s by %s (%s): %s', (from, to, actor, fulfilment, expected) => {
    expect(canTransition(from, to, actor, fulfilment)).toBe(expected);
  });
});

describe('nextStaffStatus', () => {
  const cases: [OrderStatus, Fulfilment, OrderStatus | null][] = [
    ['pending_payment', 'pickup', null],
    ['paid', 'pickup', 'processing'],
    ['paid', 'delivery', 'shipped'],
    ['processing', 'pickup', 'ready_for_pickup'],
    ['ready_for_pickup', 'pickup', 'completed'],
    ['shipped', 'delivery', 'completed'],
    ['refund_requested', 'pickup', null],
    ['completed', 'pickup', null],
    ['cancelled', 'pickup', null],
  ];

  it.each(cases)('should move %s (%s) on to %s', (status, fulfilment, expected) => {
    expect(nextStaffStatus(status, fulfilment)).toBe(expected);
  });
});

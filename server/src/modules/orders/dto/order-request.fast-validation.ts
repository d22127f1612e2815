import { MAX_ID } from '../../../common/id.pipe';
import type { LensSelectionDto, OrderItemDto, OrderRequestDto } from './order-request.dto';

const REQUEST_KEYS = new Set(['storeId', 'items', 'fulfilment', 'couponId', 'useBalance', 'pointsToUse']);
const ITEM_KEYS = new Set(['skuId', 'quantity', 'lens', 'prescriptionId']);
const LENS_KEYS = new Set(['skuId', 'options']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

function lensOf(value: unknown): LensSelectionDto | null {
  if (!isObject(value) || !onlyKeys(value, LENS_KEYS) || !isIntegerIn(value.skuId, 1, MAX_ID)) return null;
  const options = value.options;
  if (!Array.isArray(options) || options.length > 4) return null;
  for (const option of options)
    if (typeof option !== 'string' || option.length < 1 || option.length > 40) return null;
  return { skuId: value.skuId, options: [...(options as string[])] };
}

function itemOf(value: unknown): OrderItemDto | null {
  if (!isObject(value) || !onlyKeys(value, ITEM_KEYS)) return null;
  if (!isIntegerIn(value.skuId, 1, MAX_ID) || !isIntegerIn(value.quantity, 1, 99)) return null;
  const item: OrderItemDto = { skuId: value.skuId, quantity: value.quantity };
  if (value.lens !== undefined) {
    const lens = lensOf(value.lens);
    if (!lens) return null;
    item.lens = lens;
  }
  if (value.prescriptionId !== undefined) {
    if (!isIntegerIn(value.prescriptionId, 1, MAX_ID)) return null;
    item.prescriptionId = value.prescriptionId;
  }
  return item;
}

/**
 * An order request (quote and create) checked by hand (see `registerFastValidation`): what
 * `OrderRequestDto` makes of plainly valid input, or null for anything else, which class-validator
 * then answers. A delivery address, and anything unusual (nulls, unknown fields), takes the slow path.
 */
export function fastOrderRequest(value: unknown): OrderRequestDto | null {
  if (!isObject(value) || !onlyKeys(value, REQUEST_KEYS)) return null;
  if (!isIntegerIn(value.storeId, 1, MAX_ID)) return null;
  // Delivery needs an address, which the slow path checks and words.
  if (value.fulfilment !== 'pickup') return null;
  const items = value.items;
  if (!Array.isArray(items) || items.length < 1 || items.length > 20) return null;
  const request: OrderRequestDto = { storeId: value.storeId, items: [], fulfilment: 'pickup' };
  for (const raw of items) {
    const item = itemOf(raw);
    if (!item) return null;
    request.items.push(item);
  }
  if (value.couponId !== undefined) {
    if (!isIntegerIn(value.couponId, 1, MAX_ID)) return null;
    request.couponId = value.couponId;
  }
  if (value.useBalance !== undefined) {
    if (typeof value.useBalance !== 'boolean') return null;
    request.useBalance = value.useBalance;
  }
  if (value.pointsToUse !== undefined) {
    if (!isIntegerIn(value.pointsToUse, 0, 100_000_000)) return null;
    request.pointsToUse = value.pointsToUse;
  }
  return request;
}

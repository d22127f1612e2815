import { classValidatorAnswer } from '../../../common/validation.spec-support';
import { fastOrderRequest } from './order-request.fast-validation';
import { OrderRequestDto } from './order-request.dto';

const slow = (value: object) => classValidatorAnswer(value, OrderRequestDto, 'body');

const frame = { skuId: 1, quantity: 1 };
const glasses = { skuId: 1, quantity: 1, lens: { skuId: 74, options: ['AR-PREMIUM', 'BLUE-CUT'] } };
const pickup = (extra: object = {}) => ({
  storeId: 1,
  fulfilment: 'pickup',
  items: [glasses, frame],
  ...extra,
});

describe('fast order request validation', () => {
  it.each([
    [pickup()],
    [pickup({ items: [frame] })],
    [
      pickup({
        items: [
          { ...glasses, prescriptionId: 9 },
          { skuId: 135, quantity: 99 },
        ],
      }),
    ],
    [pickup({ items: [{ skuId: 1, quantity: 1, lens: { skuId: 74, options: [] } }] })],
    [pickup({ couponId: 3, useBalance: true, pointsToUse: 0 })],
    [pickup({ useBalance: false, pointsToUse: 100_000_000 })],
    [pickup({ storeId: 2_147_483_647 })],
    [pickup({ items: Array.from({ length: 20 }, () => frame) })],
  ])('should answer %j exactly as class-validator does', async (body) => {
    const fast = fastOrderRequest(body);
    expect(fast).not.toBeNull();
    expect(JSON.parse(JSON.stringify(fast))).toEqual(await slow(body));
  });

  it.each([
    // Rejected by class-validator too.
    [pickup({ storeId: 0 })],
    [pickup({ storeId: '1' })],
    [pickup({ storeId: 2_147_483_648 })],
    [pickup({ items: [] })],
    [pickup({ items: Array.from({ length: 21 }, () => frame) })],
    [pickup({ items: [{ skuId: 1, quantity: 100 }] })],
    [pickup({ items: [{ skuId: 1, quantity: 1.5 }] })],
    [pickup({ items: [{ skuId: 1 }] })],
    [pickup({ items: [{ ...frame, colour: 'red' }] })],
    [pickup({ items: [{ ...frame, lens: { skuId: 74 } }] })],
    [pickup({ items: [{ ...frame, lens: { skuId: 74, options: ['A', 'B', 'C', 'D', 'E'] } }] })],
    [pickup({ items: [{ ...frame, lens: { skuId: 74, options: [''] } }] })],
    [pickup({ items: [{ ...frame, lens: { skuId: 74, options: ['x'.repeat(41)] } }] })],
    [pickup({ items: [{ ...frame, prescriptionId: 0 }] })],
    [pickup({ fulfilment: 'drone' })],
    [pickup({ couponId: 0 })],
    [pickup({ useBalance: 'yes' })],
    [pickup({ pointsToUse: -1 })],
    [pickup({ pointsToUse: 100_000_001 })],
    [pickup({ note: 'hi' })],
    [pickup({ items: 'all' })],
    // Valid, but left to the slow path: a delivery (address rules) and explicit nulls.
    [pickup({ fulfilment: 'delivery' })],
    [pickup({ couponId: null })],
  ])('should leave %j to class-validator', (body) => {
    expect(fastOrderRequest(body)).toBeNull();
  });

  it('should leave to class-validator only what it rejects or reads in its own way', async () => {
    expect(await slow(pickup({ storeId: 0 }))).toBe('rejected');
    expect(await slow(pickup({ items: [{ ...frame, colour: 'red' }] }))).toBe('rejected');
    expect(await slow(pickup({ fulfilment: 'delivery' }))).toBe('rejected');
    expect(await slow(pickup({ couponId: null }))).not.toBe('rejected');
  });
});

import type { OrderRequest } from '@lensloop/shared';
import request from 'supertest';
import type { TestServer } from './test-server';

type DataSource = TestServer['dataSource'];

export interface DemoSkus {
  frame: number;
  lens: number;
  progressiveLens: number;
  contact: number;
  service: number;
  prices: Record<number, number>;
}

/** SKU ids from the seeded demo catalog, by their codes. */
export async function demoSkus(dataSource: DataSource): Promise<DemoSkus> {
  const rows: { id: number; code: string; price: number }[] = await dataSource.query(
    "SELECT id, code, price FROM skus WHERE code IN ('FR01-BLA', 'LN01-156', 'LN07-160', 'CL01-300', 'SV01')",
  );
  const id = (code: string) => {
    const row = rows.find((candidate) => candidate.code === code);
    if (!row) throw new Error(`demo SKU ${code} missing`);
    return Number(row.id);
  };
  return {
    frame: id('FR01-BLA'),
    lens: id('LN01-156'),
    progressiveLens: id('LN07-160'),
    contact: id('CL01-300'),
    service: id('SV01'),
    prices: Object.fromEntries(rows.map((row) => [Number(row.id), Number(row.price)])),
  };
}

export async function setStock(
  dataSource: DataSource,
  storeId: number,
  skuId: number,
  quantity: number,
): Promise<void> {
  await dataSource.query('UPDATE store_stock SET quantity = ? WHERE store_id = ? AND sku_id = ?', [
    quantity,
    storeId,
    skuId,
  ]);
}

export async function stockOf(dataSource: DataSource, storeId: number, skuId: number): Promise<number> {
  const rows: { quantity: number }[] = await dataSource.query(
    'SELECT quantity FROM store_stock WHERE store_id = ? AND sku_id = ?',
    [storeId, skuId],
  );
  return Number(rows[0].quantity);
}

/** Places an order (pickup unless `order` says otherwise) and returns the response body. */
export async function placeOrder(
  baseUrl: string,
  authorization: string,
  order: Omit<OrderRequest, 'fulfilment'> & Partial<Pick<OrderRequest, 'fulfilment'>>,
): Promise<{ id: number; no: string; payable: number; status: string }> {
  const response = await request(baseUrl)
    .post('/api/v1/orders')
    .set('authorization', authorization)
    .send({ fulfilment: 'pickup', ...order });
  if (response.status !== 201)
    throw new Error(`order failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

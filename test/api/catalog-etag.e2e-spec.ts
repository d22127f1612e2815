import request from 'supertest';
import { customerAuth } from '../support/actors';
import { startApiProcess, type ApiProcess } from '../support/api-process';
import { Factory, uniqueName, type ProductFixture } from '../support/factories';
import { placeOrder } from '../support/orders';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The catalog's list and detail answer an ETag (a hash of the bytes sent) and `304` to a matching
 * `If-None-Match`; any change to what they show — price, stock — gives a new tag, on every replica.
 */
describe('catalog ETag / 304 (MariaDB, two API processes)', () => {
  let server: TestServer;
  let replica: ApiProcess;
  let factory: Factory;
  let storeId: number;
  let product: ProductFixture;
  let brand: string;
  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    storeId = (await factory.store()).id;
    brand = uniqueName('EtagBrand');
    product = await factory.product({
      category: 'frames',
      brand,
      skus: [{ price: 39_900 }, { price: 42_900 }],
      stock: [{ storeId, quantity: 5 }],
    });
    replica = await startApiProcess(server);
  }, 60_000);
  afterAll(async () => {
    await replica?.kill();
    await server.stop();
  });

  const listPath = () => `/api/v1/products?category=frames&q=${encodeURIComponent(brand)}`;
  const detailPath = () => `/api/v1/products/${product.id}?storeId=${storeId}`;

  async function get(baseUrl: string, path: string, ifNoneMatch?: string) {
    const call = request(baseUrl).get(path);
    if (ifNoneMatch) call.set('if-none-match', ifNoneMatch);
    return call;
  }

  it.each([
    ['list', listPath],
    ['detail', detailPath],
  ])('should answer the %s with an ETag and 304 without a body to the same tag', async (_, path) => {
    const first = await get(server.baseUrl, path());
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    const again = await get(server.baseUrl, path());
    expect(again.headers.etag).toBe(first.headers.etag);

    const notModified = await get(server.baseUrl, path(), first.headers.etag);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(notModified.text ?? '').toBe('');
    // A list of tags, a weak form of the tag and `*` match too; another tag does not.
    expect((await get(server.baseUrl, path(), `"other", W/${first.headers.etag}`)).status).toBe(304);
    expect((await get(server.baseUrl, path(), '*')).status).toBe(304);
    const other = await get(server.baseUrl, path(), '"not-this-one"');
    expect(other.status).toBe(200);
    expect(other.body).toEqual(first.body);
  });

  it('should not tag what is not a 200 catalog answer', async () => {
    const missing = await get(server.baseUrl, '/api/v1/products/999999999');
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const stores = await get(server.baseUrl, '/api/v1/stores');
    expect(stores.status).toBe(200);
    expect(stores.headers.etag).toBeUndefined();
  });

  it('should give the same tag on both replicas, and a new one on both after a price change', async () => {
    const list = await get(server.baseUrl, listPath());
    const detail = await get(server.baseUrl, detailPath());
    expect((await get(replica.baseUrl, listPath(), list.headers.etag)).status).toBe(304);
    expect((await get(replica.baseUrl, detailPath(), detail.headers.etag)).status).toBe(304);

    await server.dataSource.query('UPDATE skus SET price = ? WHERE id = ?', [35_900, product.skus[0].id]);
    await server.dataSource.query('UPDATE products SET price_from = ? WHERE id = ?', [35_900, product.id]);

    for (const baseUrl of [server.baseUrl, replica.baseUrl]) {
      const newList = await get(baseUrl, listPath(), list.headers.etag);
      expect(newList.status).toBe(200);
      expect(newList.headers.etag).not.toBe(list.headers.etag);
      expect(newList.body.items[0].priceFrom).toBe(35_900);
      const newDetail = await get(baseUrl, detailPath(), detail.headers.etag);
      expect(newDetail.status).toBe(200);
      expect(newDetail.headers.etag).not.toBe(detail.headers.etag);
      expect(newDetail.body.skus.map((sku: { price: number }) => sku.price)).toContain(35_900);
      // The new tag is the same on both replicas, so each 304s the other's.
      const otherBase = baseUrl === server.baseUrl ? replica.baseUrl : server.baseUrl;
      expect((await get(otherBase, listPath(), newList.headers.etag)).status).toBe(304);
      expect((await get(otherBase, detailPath(), newDetail.headers.etag)).status).toBe(304);
    }
  });

  it('should give the detail a new tag when an order on the other replica takes stock', async () => {
    const before = await get(server.baseUrl, detailPath());
    const stockBefore = before.body.skus.find((sku: { id: number }) => sku.id === product.skus[1].id).stock;
    const { authorization } = await customerAuth(replica.baseUrl, 'etag-buyer');
    await placeOrder(replica.baseUrl, authorization, {
      storeId,
      items: [{ skuId: product.skus[1].id, quantity: 1 }],
    });

    const after = await get(server.baseUrl, detailPath(), before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.skus.find((sku: { id: number }) => sku.id === product.skus[1].id).stock).toBe(
      stockBefore - 1,
    );
    expect((await get(replica.baseUrl, detailPath(), after.headers.etag)).status).toBe(304);
  });
});

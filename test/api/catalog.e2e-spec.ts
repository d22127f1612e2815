import request from 'supertest';
import { startTestServer, type TestServer } from '../support/test-server';

describe('stores and catalog (MariaDB)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  describe('GET /stores', () => {
    it('should put the Shanghai stores first, nearest first, for a customer in Shanghai', async () => {
      const response = await api().get('/api/v1/stores?lat=31.23&lng=121.47').expect(200);
      const stores: { city: string; distanceMeters: number }[] = response.body.items;
      expect(response.body.total).toBeGreaterThanOrEqual(6);
      const cities = stores.map((store) => store.city);
      const firstBeijing = cities.indexOf('北京');
      expect(firstBeijing).toBeGreaterThan(0);
      expect(cities.slice(0, firstBeijing).every((city) => city === '上海')).toBe(true);
      expect(cities.slice(firstBeijing).every((city) => city === '北京')).toBe(true);
      const distances = stores.map((store) => store.distanceMeters);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(distances[0]).toBeLessThan(5_000);
      expect(distances[distances.length - 1]).toBeGreaterThan(1_000_000);
    });

    it('should put the Beijing stores first for a customer in Beijing', async () => {
      const response = await api().get('/api/v1/stores?lat=39.91&lng=116.40').expect(200);
      expect(response.body.items[0].city).toBe('北京');
      expect(response.body.items[0]).toMatchObject({
        name: '明眸眼镜 王府井店',
        nameEn: 'Mingmou Optical Wangfujing',
      });
    });

    it('should list stores without distances when no location is given', async () => {
      const response = await api().get('/api/v1/stores').expect(200);
      expect(response.body.items[0]).not.toHaveProperty('distanceMeters');
      expect(response.body.items.map((store: { id: number }) => store.id)).toEqual(
        [...response.body.items.map((store: { id: number }) => store.id)].sort((a, b) => a - b),
      );
    });

    it.each([
      ['lat=91&lng=121', 'lat'],
      ['lat=31.2', 'lng'],
      ['lat=abc&lng=121', 'lat'],
      ['lat=31&lng=181', 'lng'],
      ['pageSize=1000', 'pageSize'],
      ['page=0', 'page'],
      ['radius=5', 'radius'],
    ])('should reject ?%s with 400 naming %s', async (query, field) => {
      const response = await api().get(`/api/v1/stores?${query}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('should return one store and 404 STORE_NOT_FOUND for an unknown one', async () => {
      const store = await api().get('/api/v1/stores/2').expect(200);
      expect(store.body).toMatchObject({ id: 2, city: '上海', hours: expect.any(String) });
      expect((await api().get('/api/v1/stores/9999').expect(404)).body.code).toBe('STORE_NOT_FOUND');
      expect((await api().get('/api/v1/stores/abc').expect(400)).body.details[0].field).toBe('id');
      await api().get('/api/v1/stores/99999999999').expect(400);
    });
  });

  describe('GET /products', () => {
    it('should page through a category with no duplicates or gaps', async () => {
      const pageSize = 7;
      const first = await api().get(`/api/v1/products?category=frames&pageSize=${pageSize}`).expect(200);
      const total: number = first.body.total;
      expect(total).toBeGreaterThan(pageSize * 2);
      const ids: number[] = [];
      for (let page = 1; page <= Math.ceil(total / pageSize); page++) {
        const response = await api()
          .get(`/api/v1/products?category=frames&pageSize=${pageSize}&page=${page}`)
          .expect(200);
        expect(response.body).toMatchObject({ page, pageSize, total });
        ids.push(...response.body.items.map((item: { id: number }) => item.id));
      }
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      const [{ count }] = await server.dataSource.query(
        "SELECT COUNT(*) AS count FROM products WHERE category = 'frames' AND on_sale = 1",
      );
      expect(Number(count)).toBe(total);
      const beyond = await api()
        .get(`/api/v1/products?category=frames&pageSize=${pageSize}&page=99`)
        .expect(200);
      expect(beyond.body).toMatchObject({ items: [], total });
    });

    it('should have a demo catalog of 60+ products across every category with shipped images', async () => {
      const all = await api().get('/api/v1/products?pageSize=100').expect(200);
      expect(all.body.total).toBeGreaterThanOrEqual(60);
      const categories = new Set(all.body.items.map((item: { category: string }) => item.category));
      expect([...categories].sort()).toEqual(['care', 'contacts', 'frames', 'lenses', 'services']);
      for (const item of all.body.items.slice(0, 5)) {
        expect(item.imageUrl).toMatch(/^\/static\/products\/[\w-]+\.svg$/);
        const image = await api().get(item.imageUrl).expect(200);
        expect(image.headers['content-type']).toContain('image/svg+xml');
      }
    });

    it('should only list products of the requested category', async () => {
      const response = await api().get('/api/v1/products?category=contacts&pageSize=50').expect(200);
      expect(response.body.total).toBeGreaterThan(0);
      expect(response.body.items.every((item: { category: string }) => item.category === 'contacts')).toBe(
        true,
      );
    });

    it('should search by Chinese or English name or brand, treating wildcards literally', async () => {
      const found = await api().get('/api/v1/products?q=Aqua%20Daily').expect(200);
      expect(found.body.total).toBeGreaterThan(0);
      expect(found.body.items.every((item: { nameEn: string }) => item.nameEn.includes('Aqua Daily'))).toBe(
        true,
      );
      const inChinese = await api()
        .get(`/api/v1/products?q=${encodeURIComponent('水润日抛')}`)
        .expect(200);
      expect(inChinese.body.items.map((item: { id: number }) => item.id)).toEqual(
        found.body.items.map((item: { id: number }) => item.id),
      );
      const byBrand = await api()
        .get(`/api/v1/products?q=${encodeURIComponent('镜界')}&category=frames`)
        .expect(200);
      expect(byBrand.body.total).toBeGreaterThan(0);
      expect(byBrand.body.items.every((item: { brand: string }) => item.brand === '镜界')).toBe(true);
      expect((await api().get('/api/v1/products?q=%25').expect(200)).body.total).toBe(0);
      expect((await api().get('/api/v1/products?q=_').expect(200)).body.total).toBe(0);
      expect((await api().get('/api/v1/products?q=zzzz-nothing').expect(200)).body).toMatchObject({
        items: [],
        total: 0,
      });
    });

    it('should list featured products', async () => {
      const response = await api().get('/api/v1/products?featured=true').expect(200);
      expect(response.body.total).toBeGreaterThan(3);
      expect(response.body.items.every((item: { featured: boolean }) => item.featured)).toBe(true);
    });

    it('should not list a product taken off sale', async () => {
      const [product] = await server.dataSource.query(
        "SELECT id FROM products WHERE category = 'care' ORDER BY id LIMIT 1",
      );
      await server.dataSource.query('UPDATE products SET on_sale = 0 WHERE id = ?', [product.id]);
      try {
        const list = await api().get('/api/v1/products?category=care&pageSize=100').expect(200);
        expect(list.body.items.map((item: { id: number }) => item.id)).not.toContain(product.id);
        await api().get(`/api/v1/products/${product.id}`).expect(404);
      } finally {
        await server.dataSource.query('UPDATE products SET on_sale = 1 WHERE id = ?', [product.id]);
      }
    });

    it.each([
      ['category=hats', 'category'],
      ['page=-1', 'page'],
      ['pageSize=0', 'pageSize'],
      ['featured=maybe', 'featured'],
      [`q=${'x'.repeat(51)}`, 'q'],
    ])('should reject ?%s with 400 naming %s', async (query, field) => {
      const response = await api().get(`/api/v1/products?${query}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });
  });

  describe('GET /products/:id', () => {
    it('should return a frame with its colour SKUs, stock and lens options', async () => {
      const list = await api().get('/api/v1/products?category=frames&pageSize=1').expect(200);
      const id = list.body.items[0].id;
      const product = await api().get(`/api/v1/products/${id}`).expect(200);
      expect(product.body).toMatchObject({ id, category: 'frames', description: expect.any(String) });
      expect(product.body.skus.length).toBeGreaterThanOrEqual(2);
      for (const sku of product.body.skus) {
        expect(sku).toEqual({
          id: expect.any(Number),
          code: expect.any(String),
          powerRange: null,
          attributes: expect.objectContaining({
            colour: expect.any(String),
            size: expect.stringContaining('□'),
          }),
          price: expect.any(Number),
          stock: expect.any(Number),
        });
      }
      expect(product.body.priceFrom).toBe(
        Math.min(...product.body.skus.map((sku: { price: number }) => sku.price)),
      );
      expect(product.body.lensOptions.length).toBeGreaterThan(0);
      expect(product.body.lensOptions.every((lens: { category: string }) => lens.category === 'lenses')).toBe(
        true,
      );
    });

    it('should report stock across all stores, or at one store when asked', async () => {
      const [sku] = await server.dataSource.query(
        "SELECT s.id, s.product_id FROM skus s JOIN products p ON p.id = s.product_id WHERE p.category = 'frames' ORDER BY s.id LIMIT 1",
      );
      await server.dataSource.query('UPDATE store_stock SET quantity = 4 WHERE sku_id = ? AND store_id = 2', [
        sku.id,
      ]);
      const [{ total }] = await server.dataSource.query(
        'SELECT SUM(quantity) AS total FROM store_stock WHERE sku_id = ?',
        [sku.id],
      );
      const everywhere = await api().get(`/api/v1/products/${sku.product_id}`).expect(200);
      const atStore = await api().get(`/api/v1/products/${sku.product_id}?storeId=2`).expect(200);
      const stockOf = (body: { skus: { id: number; stock: number }[] }) =>
        body.skus.find((item) => item.id === sku.id)?.stock;
      expect(stockOf(everywhere.body)).toBe(Number(total));
      expect(stockOf(atStore.body)).toBe(4);
    });

    it('should give contact lenses SKUs on the real power grid: 0.25 D to ±6.00, 0.50 D beyond, plus powers too', async () => {
      const list = await api().get('/api/v1/products?category=contacts&pageSize=1').expect(200);
      const product = await api().get(`/api/v1/products/${list.body.items[0].id}`).expect(200);
      const powers = product.body.skus.map((sku: { attributes: { power: string } }) => sku.attributes.power);
      expect(powers).toEqual(
        expect.arrayContaining(['-0.50', '-5.75', '-6.00', '-6.50', '-10.00', '+0.50', '+6.00']),
      );
      expect(powers).not.toContain('-6.25');
      expect(powers).not.toContain('-9.75');
      expect(product.body.lensOptions).toEqual([]);
    });

    it('should give the toric contact lens SKUs by sphere, cylinder and axis', async () => {
      const [row] = await server.dataSource.query(
        "SELECT product_id FROM skus WHERE code = 'CL05-475-C175-A180'",
      );
      const product = await api().get(`/api/v1/products/${row.product_id}`).expect(200);
      expect(product.body.nameEn).toBe('Silk 2-Week Toric 6-pack');
      expect(
        product.body.skus.find((sku: { code: string }) => sku.code === 'CL05-475-C175-A180').attributes,
      ).toMatchObject({
        power: '-4.75',
        cylinder: '-1.75',
        axis: '180',
      });
    });

    it('should declare the powers each lens SKU can be made in', async () => {
      const rows = await server.dataSource.query(
        "SELECT code, power_range FROM skus WHERE code IN ('LN01-150', 'LN01-174', 'LN09-156', 'LN07-160')",
      );
      const ranges = Object.fromEntries(
        rows.map((row: { code: string; power_range: string }) => [row.code, JSON.parse(row.power_range)]),
      );
      expect(ranges).toEqual({
        'LN01-150': { sphereMin: -600, sphereMax: 600, cylinderMax: 200 },
        'LN01-174': { sphereMin: -1500, sphereMax: 600, cylinderMax: 400 },
        // Defocus lenses are made to about −10.00 D.
        'LN09-156': { sphereMin: -1000, sphereMax: 500, cylinderMax: 400 },
        'LN07-160': { sphereMin: -1000, sphereMax: 800, cylinderMax: 400, addMin: 75, addMax: 350 },
      });
    });

    it('should answer 404 PRODUCT_NOT_FOUND and 400 for a malformed id', async () => {
      expect((await api().get('/api/v1/products/424242').expect(404)).body.code).toBe('PRODUCT_NOT_FOUND');
      expect((await api().get('/api/v1/products/0').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await api().get('/api/v1/products/1.5').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await api().get('/api/v1/products/1?storeId=x').expect(400)).body.details[0].field).toBe(
        'storeId',
      );
    });
  });
});

import request from 'supertest';
import { Factory, type ProductFixture, type StoreFixture } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

// What the demo catalog itself promises is tested in demo.e2e-spec.ts.
describe('stores and catalog (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let nanjingRoad: StoreFixture;
  let wangfujing: StoreFixture;
  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    nanjingRoad = await factory.store({ city: 'Shanghai', lat: 31.2352, lng: 121.4747 });
    await factory.store({ city: 'Shanghai', lat: 31.1951, lng: 121.4374 });
    await factory.store({ city: 'Shanghai', lat: 31.2253, lng: 121.5443 });
    wangfujing = await factory.store({ city: 'Beijing', lat: 39.9149, lng: 116.4109 });
    await factory.store({ city: 'Beijing', lat: 39.9334, lng: 116.4548 });
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  describe('GET /stores', () => {
    it('should put the Shanghai stores first, nearest first, for a customer in Shanghai', async () => {
      const response = await api().get('/api/v1/stores?lat=31.23&lng=121.47').expect(200);
      const stores: { city: string; distanceMeters: number }[] = response.body.items;
      expect(response.body.total).toBe(5);
      const cities = stores.map((store) => store.city);
      const firstBeijing = cities.indexOf('Beijing');
      expect(firstBeijing).toBeGreaterThan(0);
      expect(cities.slice(0, firstBeijing).every((city) => city === 'Shanghai')).toBe(true);
      expect(cities.slice(firstBeijing).every((city) => city === 'Beijing')).toBe(true);
      const distances = stores.map((store) => store.distanceMeters);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(distances[0]).toBeLessThan(5_000);
      expect(distances[distances.length - 1]).toBeGreaterThan(1_000_000);
    });

    it('should put the Beijing stores first for a customer in Beijing', async () => {
      const response = await api().get('/api/v1/stores?lat=39.91&lng=116.40').expect(200);
      expect(response.body.items[0]).toMatchObject({
        id: wangfujing.id,
        city: 'Beijing',
        name: wangfujing.name,
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
      const store = await api().get(`/api/v1/stores/${nanjingRoad.id}`).expect(200);
      expect(store.body).toMatchObject({
        id: nanjingRoad.id,
        name: nanjingRoad.name,
        city: 'Shanghai',
        hours: expect.any(String),
      });
      expect((await api().get('/api/v1/stores/9999').expect(404)).body.code).toBe('STORE_NOT_FOUND');
      expect((await api().get('/api/v1/stores/abc').expect(400)).body.details[0].field).toBe('id');
      await api().get('/api/v1/stores/99999999999').expect(400);
    });
  });

  describe('GET /products', () => {
    beforeAll(async () => {
      const stock = [{ storeId: nanjingRoad.id, quantity: 5 }];
      for (let index = 0; index < 16; index++) {
        await factory.product({
          category: 'frames',
          brand: index % 4 === 0 ? 'Kaleido' : 'Lumen',
          featured: index % 4 === 1,
          skus: [{ price: 29_900 }, { price: 31_900 }],
          stock,
        });
      }
      for (const name of ['Aqua Daily 30-pack', 'Aqua Daily 90-pack', 'Breathe Monthly 3-pack']) {
        await factory.product({ category: 'contacts', name, skus: [{ price: 12_900 }], stock });
      }
      await factory.product({ category: 'care', skus: [{ price: 4_900 }], stock });
    });

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

    it('should only list products of the requested category', async () => {
      const response = await api().get('/api/v1/products?category=contacts&pageSize=50').expect(200);
      expect(response.body.total).toBeGreaterThan(0);
      expect(response.body.items.every((item: { category: string }) => item.category === 'contacts')).toBe(
        true,
      );
    });

    it('should search by name or brand, treating wildcards literally', async () => {
      const found = await api().get('/api/v1/products?q=Aqua%20Daily').expect(200);
      expect(found.body.total).toBeGreaterThan(0);
      expect(found.body.items.every((item: { name: string }) => item.name.includes('Aqua Daily'))).toBe(true);
      const byBrand = await api().get('/api/v1/products?q=kaleido&category=frames').expect(200);
      expect(byBrand.body.total).toBe(4);
      expect(byBrand.body.items.every((item: { brand: string }) => item.brand === 'Kaleido')).toBe(true);
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
      const product = await factory.product({ category: 'care', skus: [{ price: 2_900 }] });
      const listed = await api().get('/api/v1/products?category=care&pageSize=100').expect(200);
      expect(listed.body.items.map((item: { id: number }) => item.id)).toContain(product.id);
      await server.dataSource.query('UPDATE products SET on_sale = 0 WHERE id = ?', [product.id]);
      const list = await api().get('/api/v1/products?category=care&pageSize=100').expect(200);
      expect(list.body.items.map((item: { id: number }) => item.id)).not.toContain(product.id);
      await api().get(`/api/v1/products/${product.id}`).expect(404);
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
    let frame: ProductFixture;
    let lens: ProductFixture;
    beforeAll(async () => {
      const size = '52□18-145';
      frame = await factory.product({
        category: 'frames',
        skus: [
          { price: 39_900, attributes: { colour: 'Black', size, material: 'acetate' } },
          { price: 37_900, attributes: { colour: 'Tortoise', size, material: 'acetate' } },
        ],
        stock: [
          { storeId: nanjingRoad.id, quantity: 3 },
          { storeId: wangfujing.id, quantity: 4 },
        ],
      });
      lens = await factory.product({
        category: 'lenses',
        skus: [
          { price: 29_900, attributes: { index: '1.60', design: 'single-vision', coating: 'standard' } },
        ],
      });
    });

    it('should return a frame with its colour SKUs, stock and lens options', async () => {
      const product = await api().get(`/api/v1/products/${frame.id}`).expect(200);
      expect(product.body).toMatchObject({
        id: frame.id,
        category: 'frames',
        description: expect.any(String),
      });
      expect(product.body.skus).toHaveLength(2);
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
      expect(product.body.priceFrom).toBe(37_900);
      expect(product.body.lensOptions.map((option: { id: number }) => option.id)).toContain(lens.id);
      expect(product.body.lensOptions.every((lens: { category: string }) => lens.category === 'lenses')).toBe(
        true,
      );
    });

    it('should report stock across all stores, or at one store when asked', async () => {
      const stockOf = (body: { skus: { id: number; stock: number }[] }) =>
        body.skus.find((item) => item.id === frame.skus[0].id)?.stock;
      const everywhere = await api().get(`/api/v1/products/${frame.id}`).expect(200);
      const atStore = await api().get(`/api/v1/products/${frame.id}?storeId=${wangfujing.id}`).expect(200);
      expect(stockOf(everywhere.body)).toBe(3 + 4);
      expect(stockOf(atStore.body)).toBe(4);
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

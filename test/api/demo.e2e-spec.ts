import request from 'supertest';
import { DEMO_CUSTOMER } from '../../server/src/demo/demo-family';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { staffAuth } from '../support/actors';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * What the demo seed promises (the demo and the browser tests rely on it). Only this suite may
 * lean on demo data; the others build theirs through test/support/factories.ts.
 */
describe('the demo seed (MariaDB)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

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

  it('should give contact lenses one SKU per power from -0.50 to -10.00', async () => {
    const list = await api().get('/api/v1/products?category=contacts&pageSize=1').expect(200);
    const product = await api().get(`/api/v1/products/${list.body.items[0].id}`).expect(200);
    const powers = product.body.skus.map((sku: { attributes: { power: string } }) => sku.attributes.power);
    expect(powers).toHaveLength(39);
    expect(powers).toContain('-0.50');
    expect(powers).toContain('-10.00');
    expect(product.body.lensOptions).toEqual([]);
  });

  it('should let every demo staff member log in with the demo password', async () => {
    for (const staff of DEMO_STAFF) {
      const login = await api()
        .post('/api/v1/auth/staff/login')
        .send({ username: staff.username, password: DEMO_STAFF_PASSWORD })
        .expect(200);
      expect(login.body.staff.role).toBe(staff.role);
    }
  });

  it('should find the demo customer by phone with a child and past exams', async () => {
    const { authorization: clerk } = await staffAuth(server.baseUrl, 'clerk1');
    const found = await api()
      .get(`/api/v1/staff/customers?q=${DEMO_CUSTOMER.phone}`)
      .set('authorization', clerk)
      .expect(200);
    expect(found.body.items).toHaveLength(1);
    const card = await api()
      .get(`/api/v1/staff/customers/${found.body.items[0].id}`)
      .set('authorization', clerk)
      .expect(200);
    expect(card.body.profiles.map((profile: { relation: string }) => profile.relation)).toEqual([
      'self',
      'child',
    ]);
    expect(
      card.body.profiles.every((profile: { lastPrescription: unknown }) => profile.lastPrescription),
    ).toBe(true);
  });
});

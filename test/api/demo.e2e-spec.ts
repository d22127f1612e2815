import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_CUSTOMER } from '../../server/src/demo/demo-family';
import { DEMO_REFERRAL_CODE } from '../../server/src/demo/demo-referrals';
import { DEMO_STAFF, DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { customerAuth, staffAuth } from '../support/actors';
import { waitFor } from '../support/outbox';
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
      expect(item.imageUrl).toMatch(/^\/static\/products\/[\w-]+\.svg\?v=[0-9a-f]{10}$/);
      const image = await api().get(item.imageUrl).expect(200);
      expect(image.headers['content-type']).toContain('image/svg+xml');
    }
  });

  it('should serve the product images at fingerprinted URLs for a year, immutable; other URLs for a day', async () => {
    const all = await api().get('/api/v1/products?pageSize=100').expect(200);
    const url: string = all.body.items[0].imageUrl;
    const [path, version] = url.split('?v=');
    const file = readFileSync(join(__dirname, '../../server', path));
    expect(version).toBe(createHash('sha1').update(file).digest('hex').slice(0, 10));

    const fingerprinted = await api().get(url).expect(200);
    expect(fingerprinted.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(fingerprinted.headers.etag).toBeDefined();
    for (const other of [path, `${path}?v=0000000000`, '/static/groups/koc.svg']) {
      const response = await api().get(other).expect(200);
      expect(response.headers['cache-control']).toBe('public, max-age=86400');
    }
    // Revalidation still works once the copy is stale.
    await api().get(path).set('if-none-match', fingerprinted.headers.etag).expect(304);
  });

  it('should be a Chinese chain: the nearest store in Beijing is 明眸眼镜 王府井店, English kept as the translation', async () => {
    const response = await api().get('/api/v1/stores?lat=39.91&lng=116.40').expect(200);
    expect(response.body.items[0]).toMatchObject({
      city: '北京',
      name: '明眸眼镜 王府井店',
      nameEn: 'Mingmou Optical Wangfujing',
    });
  });

  it('should find demo products by their Chinese or English name and by brand', async () => {
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
    ).toMatchObject({ power: '-4.75', cylinder: '-1.75', axis: '180' });
  });

  it('should declare the powers each demo lens SKU can be made in', async () => {
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

  it('should show the demo customer as 银卡 with points from her two past orders, the ledger summing to them', async () => {
    const customer = await customerAuth(server.baseUrl, 'demo-parent');
    const as = (path: string) => api().get(path).set('authorization', customer.authorization).expect(200);
    const membership = (await as('/api/v1/me/membership')).body;
    // ¥1,267 (titanium frame with lenses) + ¥304 (contacts and solution, ¥3 paid with 300 points).
    expect(membership).toMatchObject({
      tier: 'silver',
      spend12m: 157_100,
      nextTier: { tier: 'gold', missing: 300_000 - 157_100 },
      discountPercent: 2,
      points: 1_520 - 300 + 364,
    });
    const ledger = (await as('/api/v1/me/points/ledger')).body;
    expect(ledger.items.map((entry: { kind: string }) => entry.kind)).toEqual(['earn', 'spend', 'earn']);
    expect(ledger.items.reduce((sum: number, entry: { points: number }) => sum + entry.points, 0)).toBe(
      membership.points,
    );
    const orders = (await as('/api/v1/orders')).body;
    expect(orders.items.map((order: { status: string }) => order.status)).toEqual(['completed', 'completed']);
    // Nothing has aged out: the tier review leaves her tier alone.
    await api().post('/api/v1/dev/jobs/tier-review/run').expect(200);
    expect((await as('/api/v1/me')).body).toMatchObject({ tier: 'silver', points: 1_584 });
  });

  it('should offer a 2-person frame group-buy and a 0-yuan lens cleaning, in Chinese', async () => {
    const response = await api().get('/api/v1/group-buys').expect(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: '双人拼团 · 镜框立减',
          category: 'frames',
          groupSize: 2,
          voucher: false,
        }),
        expect.objectContaining({
          name: '0 元拼 · 镜片超声波清洗',
          productName: '超声波清洗',
          category: 'services',
          groupPrice: 0,
          voucher: true,
        }),
      ]),
    );
    const frameDeal = response.body.find((campaign: { category: string }) => campaign.category === 'frames');
    expect(frameDeal.groupPrice).toBeLessThan(frameDeal.listPrice);
  });

  it('should show the demo customer’s tags with their reasons and the groups that fit her family', async () => {
    const { authorization: clerk } = await staffAuth(server.baseUrl, 'clerk1');
    const parent = await customerAuth(server.baseUrl, 'demo-parent');
    const card = await api()
      .get(`/api/v1/staff/customers/${parent.memberId}`)
      .set('authorization', clerk)
      .expect(200);
    // Two orders (¥1,571, the first 150 days ago), a child wearer, added by her optometrist in 南京东路店.
    expect(card.body).toMatchObject({ purchaseClass: 'C', quadrant: 'lock_in' });
    expect(card.body.tags.map((tag: { name: string }) => tag.name).sort()).toEqual(
      ['C类', '锁客', '儿童配镜', '来源:店员码', '门店:明眸眼镜 南京东路店', '区域:上海'].sort(),
    );
    expect(card.body.tags.find((tag: { name: string }) => tag.name === 'C类').reason).toMatch(
      /^C类：2 次购买，最近 /,
    );
    const groups = await api()
      .get('/api/v1/me/communities')
      .set('authorization', parent.authorization)
      .expect(200);
    expect(groups.body.map((group: { name: string }) => group.name)).toEqual([
      '明眸眼镜 南京东路店 会员群',
      '近视防控家长群',
    ]);
    // The nightly run computes the same from the seeded facts.
    await api().post('/api/v1/dev/jobs/tags/run').expect(200);
    const again = await api()
      .get(`/api/v1/staff/customers/${parent.memberId}`)
      .set('authorization', clerk)
      .expect(200);
    expect(again.body.tags.map((tag: { name: string }) => tag.name).sort()).toEqual(
      card.body.tags.map((tag: { name: string }) => tag.name).sort(),
    );
  });

  it('should serve every demo group’s QR code as an image, each encoding a different join link', async () => {
    const { authorization: admin } = await staffAuth(server.baseUrl, 'admin');
    const groups = await api().get('/api/v1/admin/communities').set('authorization', admin).expect(200);
    expect(groups.body.map((group: { kind: string }) => group.kind).sort()).toEqual([
      'interest',
      'interest',
      'koc',
      'store',
      'store',
    ]);
    const images = new Set<string>();
    for (const group of groups.body as { qrImageUrl: string }[]) {
      expect(group.qrImageUrl).toMatch(/^\/static\/groups\/[\w-]+\.svg$/);
      const image = await api().get(group.qrImageUrl).buffer(true).expect(200);
      expect(image.headers['content-type']).toContain('image/svg+xml');
      const svg = Buffer.isBuffer(image.body) ? image.body.toString('utf8') : String(image.text);
      expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      images.add(svg);
    }
    expect(images.size).toBe(groups.body.length);
  });

  it('should show the demo parent’s referral code with one invited friend', async () => {
    const parent = await customerAuth(server.baseUrl, 'demo-parent');
    const referral = await api()
      .get('/api/v1/me/referral')
      .set('authorization', parent.authorization)
      .expect(200);
    expect(referral.body).toMatchObject({
      code: DEMO_REFERRAL_CODE,
      invited: 1,
      rewarded: 0,
      friends: [{ nicknameMasked: '李*', status: 'registered' }],
    });
  });

  it('should welcome a new member with 新人礼 ¥20 and offer 满300减50 and 免费清洗 in the claim centre', async () => {
    const member = await customerAuth(server.baseUrl, 'demo-coupons');
    const mine = () => api().get('/api/v1/me/coupons').set('authorization', member.authorization).expect(200);
    await waitFor(async () => (await mine()).body.length > 0);
    expect((await mine()).body).toEqual([expect.objectContaining({ name: '新人礼 ¥20', amountOff: 2_000 })]);
    const claimable = await api()
      .get('/api/v1/coupons/claimable')
      .set('authorization', member.authorization)
      .expect(200);
    expect(claimable.body.map((coupon: { name: string }) => coupon.name).sort()).toEqual(
      ['免费清洗', '满300减50'].sort(),
    );
  });

  it('should quote trade-ins from the saved demo table: a like-new luxury titanium frame up to ¥600', async () => {
    const { authorization: admin } = await staffAuth(server.baseUrl, 'admin');
    const rules = await api().get('/api/v1/admin/trade-in/rules').set('authorization', admin).expect(200);
    expect(rules.body.base).toHaveLength(6);
    const quote = await api()
      .post('/api/v1/trade-ins/quote')
      .send({
        category: 'optical',
        material: 'titanium',
        brandTier: 'luxury',
        ageYears: 0,
        condition: 'like_new',
      })
      .expect(200);
    expect(quote.body).toEqual({ estimateMin: 20_000, estimateMax: 60_000 });
  });
});

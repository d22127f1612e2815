import request from 'supertest';
import { customerAuth } from '../support/actors';
import { Factory } from '../support/factories';
import { startTestServer, type TestServer } from '../support/test-server';

describe('auth (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
  });
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);

  it('should create the member on the first WeChat login and find the same member on the second', async () => {
    const first = await api().post('/api/v1/auth/wechat/login').send({ code: 'dev-alice' }).expect(200);
    const second = await api().post('/api/v1/auth/wechat/login').send({ code: 'dev-alice' }).expect(200);
    expect(first.body.isNew).toBe(true);
    expect(second.body.isNew).toBe(false);
    expect(second.body.member.id).toBe(first.body.member.id);
    expect(second.body.member.memberCode).toBe(first.body.member.memberCode);
    expect(first.body.member.memberCode).toMatch(/^\d{12}$/);
    expect(typeof first.body.token).toBe('string');
  });

  it('should create exactly one member when the first login of a user races with itself', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => api().post('/api/v1/auth/wechat/login').send({ code: 'dev-racer' })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(new Set(responses.map((response) => response.body.member.id)).size).toBe(1);
    expect(responses.filter((response) => response.body.isNew)).toHaveLength(1);
    const [{ count }] = await server.dataSource.query(
      "SELECT COUNT(*) AS count FROM members WHERE openid = 'dev-racer'",
    );
    expect(Number(count)).toBe(1);
  });

  it('should never send the WeChat session key or openid to the client', async () => {
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'dev-secretive' })
      .expect(200);
    const text = JSON.stringify(response.body);
    expect(text).not.toMatch(/session_?key/i);
    expect(text).not.toContain('dev-secretive');
    const [row] = await server.dataSource.query(
      "SELECT session_key FROM members WHERE openid = 'dev-secretive'",
    );
    expect(row.session_key).toEqual(expect.any(String));
  });

  it('should answer an invalid WeChat code with 401 and the error body, creating no member', async () => {
    const before = await server.dataSource.query('SELECT COUNT(*) AS count FROM members');
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'not-a-dev-code' })
      .expect(401);
    expect(response.body).toMatchObject({
      statusCode: 401,
      code: 'WECHAT_CODE_INVALID',
      message: expect.any(String),
      details: [{ field: 'code', message: expect.stringContaining('40029') }],
      requestId: expect.any(String),
    });
    const after = await server.dataSource.query('SELECT COUNT(*) AS count FROM members');
    expect(after[0].count).toEqual(before[0].count);
  });

  it('should reject an unknown field in the login body with 400 VALIDATION_FAILED naming it', async () => {
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'dev-bob', isAdmin: true })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([
      { field: 'isAdmin', message: expect.stringContaining('should not exist') },
    ]);
    const rows = await server.dataSource.query("SELECT id FROM members WHERE openid = 'dev-bob'");
    expect(rows).toHaveLength(0);
  });

  it.each([
    [{}, 'code'],
    [{ code: 42 }, 'code'],
    [{ code: 'dev-x', storeId: 'abc' }, 'storeId'],
    [{ code: 'dev-x', storeId: -1 }, 'storeId'],
  ])('should reject login body %j with one detail for %s', async (body, field) => {
    const response = await api().post('/api/v1/auth/wechat/login').send(body).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
  });

  it('should answer malformed JSON with 400, not 500', async () => {
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .set('content-type', 'application/json')
      .send('{"code": ')
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('should remember the store whose QR code brought a new member in', async () => {
    const store = await factory.store();
    const response = await api()
      .post('/api/v1/auth/wechat/login')
      .send({ code: 'dev-walkin', storeId: store.id })
      .expect(200);
    expect(response.body.member.homeStoreId).toBe(store.id);
  });

  it('should bind the phone number from the getPhoneNumber code and show it masked', async () => {
    const { authorization } = await customerAuth(server.baseUrl, 'phoney');
    const bound = await api()
      .post('/api/v1/auth/wechat/phone')
      .set('authorization', authorization)
      .send({ code: 'dev-phone-13812345678' })
      .expect(200);
    expect(bound.body.member.phoneMasked).toBe('138****5678');
    const me = await api().get('/api/v1/me').set('authorization', authorization).expect(200);
    expect(me.body.phoneMasked).toBe('138****5678');
    expect(JSON.stringify(me.body)).not.toContain('13812345678');

    const invalid = await api()
      .post('/api/v1/auth/wechat/phone')
      .set('authorization', authorization)
      .send({ code: 'stolen' })
      .expect(401);
    expect(invalid.body.code).toBe('WECHAT_CODE_INVALID');
  });

  it('should return the member profile on GET /me and 401 without a valid token', async () => {
    const { authorization, memberId } = await customerAuth(server.baseUrl, 'carol');
    const me = await api().get('/api/v1/me').set('authorization', authorization).expect(200);
    expect(me.body).toEqual({
      id: memberId,
      nickname: null,
      phoneMasked: null,
      memberCode: expect.stringMatching(/^\d{12}$/),
      tier: 'regular',
      points: 0,
      balance: 0,
      ownerStaff: null,
      homeStoreId: null,
    });
    expect((await api().get('/api/v1/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    const forged = `${authorization.slice(0, -4)}AAAA`;
    expect((await api().get('/api/v1/me').set('authorization', forged).expect(401)).body.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('should log staff in with their password and refuse a wrong one with the same error as an unknown user', async () => {
    const store = await factory.store();
    const optometrist = await factory.staff('optometrist', store.id);
    const ok = await api()
      .post('/api/v1/auth/staff/login')
      .send({ username: optometrist.username, password: factory.staffPassword })
      .expect(200);
    expect(ok.body.staff).toEqual({
      id: optometrist.id,
      name: optometrist.name,
      role: 'optometrist',
      storeId: store.id,
    });
    expect(JSON.stringify(ok.body)).not.toMatch(/password|scrypt/i);

    const wrong = await api()
      .post('/api/v1/auth/staff/login')
      .send({ username: optometrist.username, password: 'nope' });
    const unknown = await api()
      .post('/api/v1/auth/staff/login')
      .send({ username: 'ghost', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('should give 403 to a customer token on a staff route and let staff through', async () => {
    const customer = await customerAuth(server.baseUrl, 'dave');
    const forbidden = await api()
      .get('/api/v1/staff/me')
      .set('authorization', customer.authorization)
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');

    const store = await factory.store();
    const clerk = await factory.staff('clerk', store.id);
    const me = await api().get('/api/v1/staff/me').set('authorization', clerk.authorization).expect(200);
    expect(me.body).toMatchObject({ id: clerk.id, role: 'clerk', storeId: store.id });
    // Staff are not members: the member profile is for customers only.
    await api().get('/api/v1/me').set('authorization', clerk.authorization).expect(403);
  });

  it('should stop accepting a token once it has expired, though the guard remembered it as verified', async () => {
    const shortLived = await startTestServer({ env: { JWT_TTL_SECONDS: '60' } });
    try {
      const response = await request(shortLived.baseUrl)
        .post('/api/v1/auth/wechat/login')
        .send({ code: 'dev-ephemeral' })
        .expect(200);
      const [, payload] = response.body.token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(60);
      // Accepted while valid: the guard now remembers the token until its expiry.
      await request(shortLived.baseUrl)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${response.body.token}`)
        .expect(200);
      jest.useFakeTimers({
        now: Date.now() + 61_000,
        doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval'],
      });
      const expired = await request(shortLived.baseUrl)
        .get('/api/v1/me')
        .set('authorization', `Bearer ${response.body.token}`)
        .expect(401);
      expect(expired.body.code).toBe('UNAUTHENTICATED');
    } finally {
      jest.useRealTimers();
      await shortLived.stop();
    }
  });
});

describe('auth rate limiting (MariaDB)', () => {
  it('should answer 429 RATE_LIMITED once a client exceeds the login limit', async () => {
    const server = await startTestServer({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt++) {
        const response = await request(server.baseUrl)
          .post('/api/v1/auth/wechat/login')
          .send({ code: 'dev-eager' });
        statuses.push(response.status);
        if (response.status === 429) expect(response.body.code).toBe('RATE_LIMITED');
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // Public catalog routes are not limited by the auth limiter.
      for (let attempt = 0; attempt < 5; attempt++) {
        await request(server.baseUrl).get('/api/v1/stores').expect(200);
      }
    } finally {
      await server.stop();
    }
  });
});

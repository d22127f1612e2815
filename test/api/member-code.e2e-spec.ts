import request from 'supertest';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { advanceClock, resetClock } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

/** The rotating member code on 我的 and the staff desk's scan of it (MariaDB, test clock). */
describe('rotating member code (MariaDB)', () => {
  let server: TestServer;
  let factory: Factory;
  let clerk: StaffFixture;
  let alice: MemberFixture;
  let bob: MemberFixture;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    clerk = await factory.staff('clerk', (await factory.store()).id);
    [alice, bob] = await Promise.all([factory.member(), factory.member()]);
  }, 60_000);
  afterAll(async () => {
    await resetClock(server.baseUrl);
    await server.stop();
  });

  const api = () => request(server.baseUrl);

  async function memberCode(member: MemberFixture): Promise<{ code: string; expiresAt: string }> {
    const response = await api()
      .get('/api/v1/me/member-code')
      .set('authorization', member.authorization)
      .expect(200);
    return response.body;
  }

  /** The ids of the members the desk finds for what was scanned or typed. */
  async function deskFinds(q: string): Promise<number[]> {
    const response = await api()
      .get('/api/v1/staff/customers')
      .query({ q })
      .set('authorization', clerk.authorization)
      .expect(200);
    return response.body.items.map((item: { id: number }) => item.id);
  }

  /** Moves the business clock just past the end of the step that ends at `expiresAt`. */
  async function passStepEnding(expiresAt: string): Promise<void> {
    const now = await advanceClock(server.baseUrl, 1);
    const remainingMs = new Date(expiresAt).getTime() - now.getTime();
    if (remainingMs >= 0) await advanceClock(server.baseUrl, Math.floor(remainingMs / 1000) + 1);
  }

  it('should find exactly the member of a current code, and the other member for theirs', async () => {
    const [aliceCode, bobCode] = await Promise.all([memberCode(alice), memberCode(bob)]);
    expect(aliceCode.code).toMatch(new RegExp(`^MB${alice.memberId}-[0-9a-f]{16}$`));
    expect(await deskFinds(aliceCode.code)).toEqual([alice.memberId]);
    expect(await deskFinds(bobCode.code)).toEqual([bob.memberId]);
  });

  it('should rotate after 30 s, accept the previous code one step longer, then refuse it', async () => {
    const first = await memberCode(alice);
    await passStepEnding(first.expiresAt);

    const second = await memberCode(alice);
    expect(second.code).not.toBe(first.code);
    expect(new Date(second.expiresAt).getTime() - new Date(first.expiresAt).getTime()).toBe(30_000);
    // The grace step: a code scanned just as it rotated still finds the member.
    expect(await deskFinds(first.code)).toEqual([alice.memberId]);
    expect(await deskFinds(second.code)).toEqual([alice.memberId]);

    await advanceClock(server.baseUrl, 30);
    // Two steps later the old code finds nobody; the newer one is in its grace step.
    expect(await deskFinds(first.code)).toEqual([]);
    expect(await deskFinds(second.code)).toEqual([alice.memberId]);
  });

  it('should find nobody for a forged code, another member id under a code, or a coupon-style code', async () => {
    const { code } = await memberCode(alice);
    const lastCharacter = code.at(-1) === '0' ? '1' : '0';
    const forged = `${code.slice(0, -1)}${lastCharacter}`;
    const otherId = code.replace(`MB${alice.memberId}-`, `MB${bob.memberId}-`);
    const relabelled = code.replace('MB', 'CP');
    expect(await deskFinds(forged)).toEqual([]);
    expect(await deskFinds(otherId)).toEqual([]);
    expect(await deskFinds(relabelled)).toEqual([]);
  });

  it('should still find a member by the printed 12-digit member number', async () => {
    const me = await api().get('/api/v1/me').set('authorization', bob.authorization).expect(200);
    expect(await deskFinds(me.body.memberCode)).toEqual([bob.memberId]);
  });

  it('should answer the member code only to a signed-in customer', async () => {
    await api().get('/api/v1/me/member-code').expect(401);
    await api().get('/api/v1/me/member-code').set('authorization', clerk.authorization).expect(403);
  });
});

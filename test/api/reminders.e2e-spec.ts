import request from 'supertest';
import { Factory, type MemberFixture, type StaffFixture } from '../support/factories';
import { resetClock } from '../support/outbox';
import { startTestServer, type TestServer } from '../support/test-server';

/** Care reminders (issue 11): scheduling from events, delivery, less disturbance, bad input. */
describe('reminders (MariaDB, test clock)', () => {
  let server: TestServer;
  let factory: Factory;
  let admin: StaffFixture;

  beforeAll(async () => {
    server = await startTestServer();
    factory = new Factory(server);
    admin = await factory.staff('admin', null);
  }, 60_000);
  afterEach(() => resetClock(server.baseUrl));
  afterAll(() => server.stop());

  const api = () => request(server.baseUrl);
  const as = (who: { authorization: string }, call: request.Test) =>
    call.set('authorization', who.authorization);

  async function inboxOf(member: MemberFixture) {
    return (await as(member, api().get('/api/v1/me/inbox')).expect(200)).body as {
      items: { id: number; kind: string; title: string; body: string; readAt: string | null }[];
      unread: number;
    };
  }

  describe('bad input changes nothing', () => {
    it('should refuse an unknown template key and record no grant', async () => {
      const member = await factory.member();
      const templates = await as(member, api().get('/api/v1/subscription-templates')).expect(200);
      expect(templates.body.map((template: { key: string }) => template.key)).toContain('order_status');
      const refused = await as(member, api().post('/api/v1/me/subscriptions'))
        .send({ templateKeys: ['order_status', 'no_such_template'] })
        .expect(422);
      expect(refused.body.code).toBe('SUBSCRIPTION_TEMPLATE_UNKNOWN');
      const balances = await as(member, api().get('/api/v1/me/subscriptions')).expect(200);
      expect(balances.body.every((balance: { available: number }) => balance.available === 0)).toBe(true);
    });

    it('should refuse muting an unknown or transactional kind and keep the settings', async () => {
      const member = await factory.member();
      await as(member, api().put('/api/v1/me/reminder-settings'))
        .send({ muted: ['lens_cleaning'] })
        .expect(200);
      for (const kind of ['no_such_kind', 'order_ready']) {
        const refused = await as(member, api().put('/api/v1/me/reminder-settings'))
          .send({ muted: ['coupon_expiring', kind] })
          .expect(422);
        expect(refused.body.code).toBe('REMINDER_KIND_NOT_MUTABLE');
      }
      const settings = await as(member, api().get('/api/v1/me/reminder-settings')).expect(200);
      expect(settings.body.muted).toEqual(['lens_cleaning']);
      expect(settings.body.mutable).not.toContain('order_ready');
    });

    it('should answer 404 for another member’s inbox item and leave it unread', async () => {
      const [owner, other] = [await factory.member(), await factory.member()];
      await server.dataSource.query(
        "INSERT INTO inbox_items (member_id, kind, category, title, body, created_at) VALUES (?, 'welcome', 'transactional', 't', 'b', NOW(6))",
        [owner.memberId],
      );
      const [item] = (await inboxOf(owner)).items;
      const refused = await as(other, api().post(`/api/v1/me/inbox/${item.id}/read`)).expect(404);
      expect(refused.body.code).toBe('INBOX_ITEM_NOT_FOUND');
      expect((await inboxOf(owner)).unread).toBe(1);
      const read = await as(owner, api().post(`/api/v1/me/inbox/${item.id}/read`)).expect(200);
      expect(read.body.readAt).not.toBeNull();
      expect((await inboxOf(owner)).unread).toBe(0);
    });

    it('should refuse rules that do not hold together and keep the old ones', async () => {
      const before = (await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body;
      expect(before.marketingCap).toEqual({ count: 2, days: 7 });
      expect(before.quietHours).toMatchObject({ start: '21:00', end: '09:00' });
      const bad = {
        ...before,
        rules: before.rules.map((rule: { kind: string }) =>
          rule.kind === 'order_ready' ? { ...rule, enabled: false } : rule,
        ),
      };
      const refused = await as(admin, api().put('/api/v1/admin/reminder-rules')).send(bad).expect(422);
      expect(refused.body.code).toBe('REMINDER_RULES_INVALID');
      expect((await as(admin, api().get('/api/v1/admin/reminder-rules')).expect(200)).body).toEqual(before);
    });
  });
});

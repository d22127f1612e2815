import type { GroupBuyCampaignInput, GroupBuyGroup, Order } from '@lensloop/shared';
import request from 'supertest';
import type { MemberFixture, StaffFixture } from './factories';
import { runJob } from './outbox';
import type { TestServer } from './test-server';

const HOUR_MS = 3_600_000;

/**
 * Group-buy fixtures on one deal (a store and a SKU), shared by the API tests and the cluster races:
 * campaigns made by an admin, groups opened and joined (through any replica's base URL), seats paid
 * through the fake WeChat Pay, and what a member holds (orders, quota, stock) read from the database.
 */
export class GroupBuyFixtures {
  constructor(
    private readonly server: TestServer,
    private readonly admin: StaffFixture,
    readonly storeId: number,
    readonly skuId: number,
  ) {}

  /** A campaign of `skuId` (three people, ¥199, 24 h to complete, started a minute ago) and its id. */
  async campaign(overrides: Partial<GroupBuyCampaignInput> = {}): Promise<number> {
    const response = await request(this.server.baseUrl)
      .post('/api/v1/admin/group-buy-campaigns')
      .set('authorization', this.admin.authorization)
      .send({
        name: '三人拼团 · 镜框',
        skuId: this.skuId,
        groupPrice: 19_900,
        groupSize: 3,
        hoursToComplete: 24,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 30 * 24 * HOUR_MS).toISOString(),
        perMemberLimit: 5,
        newMembersOnly: false,
        ...overrides,
      })
      .expect(201);
    return response.body.id as number;
  }

  open(member: MemberFixture, campaignId: number, baseUrl = this.server.baseUrl): request.Test {
    return request(baseUrl)
      .post(`/api/v1/group-buys/${campaignId}/groups`)
      .set('authorization', member.authorization)
      .send({ storeId: this.storeId, fulfilment: 'pickup' });
  }

  join(member: MemberFixture, groupId: number, baseUrl = this.server.baseUrl): request.Test {
    return request(baseUrl)
      .post(`/api/v1/groups/${groupId}/join`)
      .set('authorization', member.authorization)
      .send({ storeId: this.storeId, fulfilment: 'pickup' });
  }

  async group(groupId: number, baseUrl = this.server.baseUrl): Promise<GroupBuyGroup> {
    return (await request(baseUrl).get(`/api/v1/groups/${groupId}`).expect(200)).body;
  }

  /** A group opened by `leader` with `joiners` in it (none paid), and their seats' orders. */
  async groupWith(
    campaignId: number,
    leader: MemberFixture,
    joiners: MemberFixture[],
  ): Promise<{ groupId: number; orders: Order[] }> {
    const opened = await this.open(leader, campaignId).expect(201);
    const orders: Order[] = [opened.body.order];
    for (const joiner of joiners)
      orders.push((await this.join(joiner, opened.body.group.id).expect(200)).body.order);
    return { groupId: opened.body.group.id as number, orders };
  }

  /** Pays through the fake WeChat Pay (a real signed notification), then lets the handlers run. */
  async pay(member: MemberFixture, order: { id: number }): Promise<void> {
    await request(this.server.baseUrl)
      .post(`/api/v1/dev/payments/${order.id}/succeed`)
      .set('authorization', member.authorization)
      .expect(200);
    await runJob(this.server.baseUrl, 'outbox');
  }

  /** The deal's stock in its store. */
  async stock(): Promise<number> {
    return this.count('SELECT quantity AS n FROM store_stock WHERE store_id = ? AND sku_id = ?', [
      this.storeId,
      this.skuId,
    ]);
  }

  /** What the members hold: their orders (any status), seats (any status) and campaign quota used. */
  async held(members: MemberFixture[]): Promise<{ orders: number; seats: number; quota: number }> {
    if (members.length === 0) return { orders: 0, seats: 0, quota: 0 };
    const ids = members.map((member) => member.memberId);
    return {
      orders: await this.count('SELECT COUNT(*) AS n FROM orders WHERE member_id IN (?)', [ids]),
      seats: await this.count('SELECT COUNT(*) AS n FROM group_buy_seats WHERE member_id IN (?)', [ids]),
      quota: await this.count(
        'SELECT COALESCE(SUM(used), 0) AS n FROM group_buy_quotas WHERE member_id IN (?)',
        [ids],
      ),
    };
  }

  private async count(sql: string, parameters: unknown[]): Promise<number> {
    return Number((await this.server.dataSource.query(sql, parameters))[0].n);
  }
}

import type { EntityManager } from 'typeorm';
import { MemberEntity } from '../modules/members/entities/member.entity';
import { OrderEntity } from '../modules/orders/entities/order.entity';
import { WalletAccountEntity } from '../modules/wallet/entities/wallet-account.entity';
import { WalletLedgerEntryEntity } from '../modules/wallet/entities/wallet-ledger-entry.entity';
import { WalletPlanEntity } from '../modules/wallet/entities/wallet-plan.entity';
import { WalletTopUpEntity } from '../modules/wallet/entities/wallet-top-up.entity';

/** Top-up plans (pay → credit, fen): the bonus grows with the amount. */
export const DEMO_WALLET_PLANS = [
  { pay: 10_000, credit: 10_000 },
  { pay: 30_000, credit: 31_000 },
  { pay: 50_000, credit: 53_000 },
  { pay: 100_000, credit: 110_000 },
] as const;

/** The plans, and one ¥500 → ¥530 top-up of the demo customer, paid a week ago, so the wallet shows money. */
export async function seedDemoWallet(manager: EntityManager, openid: string, storeId: number): Promise<void> {
  await manager.insert(
    WalletPlanEntity,
    DEMO_WALLET_PLANS.map((plan) => ({ ...plan, active: true })),
  );
  const plan = await manager.findOneByOrFail(WalletPlanEntity, { pay: 50_000 });
  const member = await manager.findOneByOrFail(MemberEntity, { openid });
  const paidAt = new Date(Date.now() - 7 * 86_400_000);
  const order = await manager.save(
    manager.create(OrderEntity, {
      no: `LLDEMO${String(member.id).padStart(6, '0')}TOPUP`,
      memberId: member.id,
      kind: 'top_up',
      description: '储值充值 ¥500',
      storeId,
      status: 'completed',
      fulfilment: 'pickup',
      address: null,
      subtotal: plan.pay,
      discount: 0,
      pointsDiscount: 0,
      balancePaid: 0,
      payable: plan.pay,
      expiresAt: paidAt,
      payRequestedAt: paidAt,
      paidAt,
    }),
  );
  const topUp = await manager.save(
    manager.create(WalletTopUpEntity, {
      memberId: member.id,
      planId: plan.id,
      orderId: order.id,
      pay: plan.pay,
      credit: plan.credit,
      state: 'credited',
      creditedAt: paidAt,
    }),
  );
  await manager.insert(WalletAccountEntity, {
    memberId: member.id,
    principal: plan.pay,
    bonus: plan.credit - plan.pay,
  });
  await manager.insert(WalletLedgerEntryEntity, {
    memberId: member.id,
    amount: plan.credit,
    principalDelta: plan.pay,
    bonusDelta: plan.credit - plan.pay,
    balanceAfter: plan.credit,
    kind: 'top_up',
    orderId: order.id,
    topUpId: topUp.id,
    onceKey: `top_up:${topUp.id}`,
  });
}

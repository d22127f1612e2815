import { Injectable } from '@nestjs/common';
import { type TopUpStarted } from '@lensloop/shared';
import { TransactionRunner } from '../../common/transaction';
import { MembersService } from '../members/members.service';
import { OrdersService } from '../orders/orders.service';
import { PaymentsService } from '../payments/payments.service';
import { StoresService } from '../stores/stores.service';
import { WalletTopUpEntity } from './entities/wallet-top-up.entity';
import { WalletService } from './wallet.service';

/** `¥1,000` or `¥1,000.50`: the amount in a top-up order's line. */
export function yuanLabel(fen: number): string {
  const yuan = Math.floor(fen / 100).toLocaleString('en-US');
  const rest = fen % 100;
  return rest ? `¥${yuan}.${String(rest).padStart(2, '0')}` : `¥${yuan}`;
}

/**
 * Starting a top-up: a top-up order (no items, paid like any order) and the pending top-up in one
 * transaction, then the payment as `POST /orders/:id/pay` starts it. The wallet is credited when
 * the order is paid (`OrderPaid`), once; an unpaid top-up is cancelled with its order.
 */
@Injectable()
export class WalletTopUpsService {
  constructor(
    private readonly wallet: WalletService,
    private readonly orders: OrdersService,
    private readonly payments: PaymentsService,
    private readonly members: MembersService,
    private readonly stores: StoresService,
    private readonly tx: TransactionRunner,
  ) {}

  async start(memberId: number, planId: number, storeId?: number): Promise<TopUpStarted> {
    const plan = await this.wallet.findActivePlan(planId);
    const bookedStore = await this.storeFor(memberId, storeId);
    const { topUpId, orderId } = await this.tx.run(async (manager) => {
      const order = await this.orders.createTopUpOrder(manager, memberId, {
        storeId: bookedStore,
        description: `储值充值 ${yuanLabel(plan.pay)}`,
        amount: plan.pay,
      });
      const topUp = await manager.save(
        manager.create(WalletTopUpEntity, {
          memberId,
          planId: plan.id,
          orderId: order.id,
          pay: plan.pay,
          credit: plan.credit,
          state: 'pending',
          creditedAt: null,
        }),
      );
      return { topUpId: topUp.id, orderId: order.id };
    });
    const payment = await this.payments.payOrder(memberId, orderId);
    return { topUpId, orderId, payment };
  }

  /** The store asked for (checked), else the member's home store, else the chain's first store. */
  private async storeFor(memberId: number, storeId?: number): Promise<number> {
    if (storeId !== undefined) return (await this.stores.getStore(storeId)).id;
    const member = await this.members.getMember(memberId);
    if (member.homeStoreId) return member.homeStoreId;
    const first = await this.stores.listStores({ page: 1, pageSize: 1 });
    return first.items[0].id;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, REFUNDABLE_STATUSES, type Order, type PayOrderResponse } from '@lensloop/shared';
import { In, IsNull, LessThanOrEqual, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { WechatPayClient } from '../../infra/wechat/pay/wechat-pay-client';
import { checkSignatureHeaders, decryptResource } from '../../infra/wechat/pay/wechat-pay-crypto';
import type {
  WechatPayConfig,
  WechatPayNotification,
  WechatPayTransaction,
  WechatRefundNotice,
} from '../../infra/wechat/pay/wechat-pay.types';
import { MemberEntity } from '../members/entities/member.entity';
import { OrderEntity } from '../orders/entities/order.entity';
import { OrderLifecycle, SYSTEM } from '../orders/order-lifecycle';
import { OrdersService } from '../orders/orders.service';
import { PaymentEntity } from './entities/payment.entity';
import { RefundEntity } from './entities/refund.entity';
import { NotificationRejected } from './payment-notification';

const RECONCILE_BATCH = 50;
/** Give the notification a head start before asking WeChat ourselves. */
const RECONCILE_AFTER_MS = 60_000;
const REDISPATCH_REFUND_AFTER_MS = 30_000;

/**
 * WeChat Pay for orders: prepay and `requestPayment` parameters, the payment and refund
 * notifications, refunds and reconciliation. WeChat is only called outside transactions;
 * every write that a retry could repeat is keyed by WeChat's ids (unique transaction id,
 * deterministic out_refund_no).
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    @InjectRepository(OrderEntity) private readonly orders: Repository<OrderEntity>,
    @InjectRepository(RefundEntity) private readonly refunds: Repository<RefundEntity>,
    @InjectRepository(MemberEntity) private readonly members: Repository<MemberEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pay: WechatPayClient,
    private readonly tx: TransactionRunner,
    private readonly lifecycle: OrderLifecycle,
    private readonly ordersService: OrdersService,
  ) {}

  private payConfig(): WechatPayConfig {
    if (!this.config.wechatPay)
      throw new DomainError(ErrorCode.WECHAT_UNAVAILABLE, 'WeChat Pay is not configured.');
    return this.config.wechatPay;
  }

  async payOrder(memberId: number, orderId: number): Promise<PayOrderResponse> {
    const order = await this.ordersService.findOwned(memberId, orderId);
    if (order.status !== 'pending_payment' || order.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(
        ErrorCode.ORDER_NOT_PAYABLE,
        `Order ${orderId} is ${order.status}; it cannot be paid.`,
      );
    }
    if (order.payable === 0) {
      await this.tx.run((manager) =>
        this.lifecycle.transition(manager, order, 'paid', SYSTEM, 'nothing to pay'),
      );
      return { status: 'paid' };
    }
    const member = await this.members.findOneByOrFail({ id: memberId });
    const prepayId = await this.pay.prepay({
      outTradeNo: order.no,
      description: `LensLoop ${order.no}`,
      amount: order.payable,
      openid: member.openid,
      // WeChat refuses payment once the order would be cancelled for non-payment.
      timeExpire: order.expiresAt,
    });
    await this.orders.update({ id: order.id, payRequestedAt: IsNull() }, { payRequestedAt: new Date() });
    return { status: 'pending_payment', payment: this.pay.paymentParams(prepayId) };
  }

  /** Verifies, decrypts and applies a notification; throws NotificationRejected when WeChat must retry. */
  async handleNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): Promise<void> {
    const config = this.payConfig();
    const check = checkSignatureHeaders(headers, rawBody, {
      serialNo: config.platformSerialNo,
      publicKey: config.platformPublicKey,
    });
    if (check !== 'ok') throw new NotificationRejected(401, `signature check failed: ${check}`);
    let notification: WechatPayNotification;
    let resource: unknown;
    try {
      notification = JSON.parse(rawBody) as WechatPayNotification;
      resource = JSON.parse(decryptResource(config.apiV3Key, notification.resource));
    } catch (error) {
      throw new NotificationRejected(400, `cannot decrypt the resource: ${(error as Error).message}`);
    }
    if (notification.event_type === 'TRANSACTION.SUCCESS') {
      await this.settleTransaction(resource as WechatPayTransaction);
    } else if (notification.event_type.startsWith('REFUND.')) {
      await this.completeRefund(resource as WechatRefundNotice);
    }
  }

  /**
   * Applies a successful WeChat transaction once: the payment row is unique on the transaction
   * id, and the order moves to paid only from pending_payment. Money that arrives for an order
   * that was cancelled meanwhile is refunded automatically.
   */
  async settleTransaction(transaction: WechatPayTransaction): Promise<void> {
    const config = this.payConfig();
    if (transaction.trade_state !== 'SUCCESS' || !transaction.transaction_id) return;
    if (transaction.mchid !== config.mchId || transaction.appid !== config.appId) {
      throw new NotificationRejected(400, `mchid/appid mismatch: ${transaction.mchid}/${transaction.appid}`);
    }
    const order = await this.orders.findOneBy({ no: transaction.out_trade_no });
    if (!order) throw new NotificationRejected(404, `unknown out_trade_no ${transaction.out_trade_no}`);
    if (transaction.amount?.total !== order.payable) {
      throw new NotificationRejected(
        400,
        `amount mismatch on ${order.no}: paid ${transaction.amount?.total}, payable ${order.payable}`,
      );
    }
    const transactionId = transaction.transaction_id;
    const paidAt = transaction.success_time ? new Date(transaction.success_time) : new Date();
    const lateRefund = await this.tx.run(async (manager) => {
      try {
        await manager.insert(PaymentEntity, {
          orderId: order.id,
          outTradeNo: order.no,
          transactionId,
          amount: transaction.amount?.total ?? 0,
          payerOpenid: transaction.payer?.openid ?? null,
          paidAt,
        });
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
      const current = await manager.findOneByOrFail(OrderEntity, { id: order.id });
      if (
        current.status === 'pending_payment' &&
        (await this.lifecycle.tryTransition(manager, current, 'paid', SYSTEM, { changes: { paidAt } }))
      ) {
        return null;
      }
      this.logger.warn(
        `payment ${transactionId} for ${order.no} arrived when it was ${current.status}: refunding`,
      );
      return this.createRefund(
        manager,
        current,
        order.payable,
        `RF${transactionId}`,
        'paid after cancellation',
      );
    });
    if (lateRefund) await this.dispatchRefund(lateRefund);
  }

  /** A full or partial refund of a paid order, by a manager of its store. */
  async refundOrder(staff: Principal, orderId: number, amount?: number, reason?: string): Promise<Order> {
    const order = await this.ordersService.findForStaff(staff, orderId);
    if (!REFUNDABLE_STATUSES.includes(order.status) || order.payable === 0) {
      throw new DomainError(
        ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
        `An order that is ${order.status} cannot be refunded.`,
      );
    }
    const refund = await this.tx
      .run(async (manager) => {
        const count = await manager.countBy(RefundEntity, { orderId });
        return this.createRefund(
          manager,
          order,
          amount ?? order.payable - order.refunded,
          `${order.no}R${count + 1}`,
          reason ?? 'refund by store',
        );
      })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
        throw new DomainError(
          ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
          'Another refund of this order is being made.',
        );
      });
    await this.dispatchRefund(refund);
    return this.ordersService.toOrder(await this.orders.findOneByOrFail({ id: orderId }));
  }

  /** Reserves the amount on the order (never above what was paid) and writes the pending refund. */
  private async createRefund(
    manager: EntityManager,
    order: OrderEntity,
    amount: number,
    outRefundNo: string,
    reason: string,
  ): Promise<RefundEntity> {
    const reserved = await manager
      .createQueryBuilder()
      .update(OrderEntity)
      .set({ refunded: () => 'refunded + :amount' })
      .where('id = :id AND refunded + :amount <= payable AND :amount > 0', { id: order.id, amount })
      .execute();
    if (reserved.affected !== 1) {
      throw new DomainError(
        ErrorCode.REFUND_AMOUNT_INVALID,
        'The refund is more than what is left to refund.',
        [{ field: 'amount', message: `at most ${order.payable - order.refunded} fen` }],
      );
    }
    return manager.save(
      manager.create(RefundEntity, { orderId: order.id, outRefundNo, amount, reason, state: 'pending' }),
    );
  }

  /** Asks WeChat for the refund; on failure the reconciliation job asks again with the same number. */
  private async dispatchRefund(refund: RefundEntity): Promise<void> {
    const order = await this.orders.findOneByOrFail({ id: refund.orderId });
    try {
      const result = await this.pay.refund({
        outTradeNo: order.no,
        outRefundNo: refund.outRefundNo,
        refund: refund.amount,
        total: order.payable,
        reason: refund.reason,
      });
      await this.refunds.update(
        { id: refund.id, state: 'pending' },
        { state: 'processing', refundId: result.refund_id },
      );
    } catch (error) {
      this.logger.warn(`refund ${refund.outRefundNo} not accepted yet: ${(error as Error).message}`);
    }
  }

  private async completeRefund(notice: WechatRefundNotice): Promise<void> {
    if (notice.mchid !== this.payConfig().mchId)
      throw new NotificationRejected(400, `mchid mismatch: ${notice.mchid}`);
    const refund = await this.refunds.findOneBy({ outRefundNo: notice.out_refund_no });
    if (!refund) throw new NotificationRejected(404, `unknown out_refund_no ${notice.out_refund_no}`);
    if (notice.amount.refund !== refund.amount) {
      throw new NotificationRejected(400, `refund amount mismatch on ${refund.outRefundNo}`);
    }
    await this.tx.run(async (manager) => {
      const succeeded = notice.refund_status === 'SUCCESS';
      const changed = await manager
        .createQueryBuilder()
        .update(RefundEntity)
        .set({ state: succeeded ? 'succeeded' : 'failed', refundId: notice.refund_id })
        .where('id = :id AND state IN (:...open)', { id: refund.id, open: ['pending', 'processing'] })
        .execute();
      if (changed.affected !== 1) return;
      const order = await manager.findOneByOrFail(OrderEntity, { id: refund.orderId });
      if (!succeeded) {
        // The money stayed with the merchant: it can be refunded again.
        await manager.decrement(OrderEntity, { id: order.id }, 'refunded', refund.amount);
        this.logger.error(`refund ${refund.outRefundNo} ended ${notice.refund_status}`);
        return;
      }
      const unsettled = await manager.countBy(RefundEntity, {
        orderId: order.id,
        state: In(['pending', 'processing']),
      });
      if (order.refunded >= order.payable && unsettled === 0 && REFUNDABLE_STATUSES.includes(order.status)) {
        await this.lifecycle.tryTransition(manager, order, 'refunded', SYSTEM);
      }
    });
  }

  /**
   * For orders whose payment notification has not come: asks WeChat and settles what was paid;
   * re-sends refunds WeChat has not accepted yet. Safe to run in several replicas at once.
   */
  async reconcile(): Promise<number> {
    const before = new Date(Date.now() - RECONCILE_AFTER_MS);
    const waiting = await this.orders.find({
      where: { status: 'pending_payment', payRequestedAt: LessThanOrEqual(before) },
      order: { id: 'ASC' },
      take: RECONCILE_BATCH,
    });
    let handled = 0;
    for (const order of waiting) {
      try {
        const transaction = await this.pay.queryByOutTradeNo(order.no);
        if (transaction?.trade_state === 'SUCCESS') {
          await this.settleTransaction(transaction);
          handled++;
        }
      } catch (error) {
        this.logger.warn(`reconciling ${order.no} failed: ${(error as Error).message}`);
      }
    }
    const stuck = await this.refunds.find({
      where: {
        state: 'pending',
        createdAt: LessThanOrEqual(new Date(Date.now() - REDISPATCH_REFUND_AFTER_MS)),
      },
      order: { id: 'ASC' },
      take: RECONCILE_BATCH,
    });
    for (const refund of stuck) await this.dispatchRefund(refund);
    return handled + stuck.length;
  }

  /** Development and tests: the fake WeChat Pay "pays" and posts its signed notification. */
  async completeWithFakePay(memberId: number, orderId: number): Promise<Order> {
    if (this.config.environment === 'production') throw new DomainError(ErrorCode.NOT_FOUND, 'Not found.');
    const result = await this.payOrder(memberId, orderId);
    if (result.status === 'pending_payment') {
      const order = await this.ordersService.findOwned(memberId, orderId);
      const response = await fetch(`${this.payConfig().baseUrl}/fake/pay/${order.no}/succeed`, {
        method: 'POST',
      });
      if (!response.ok)
        throw new DomainError(ErrorCode.WECHAT_UNAVAILABLE, `The fake WeChat Pay said ${response.status}.`);
    }
    return this.ordersService.getOrder(memberId, orderId);
  }
}

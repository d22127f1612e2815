import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, REFUNDABLE_STATUSES, type Order, type PayOrderResponse } from '@lensloop/shared';
import { In, Repository, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { EventBus } from '../../infra/events/event-bus';
import { WechatPayClient, WechatPayRejection } from '../../infra/wechat/pay/wechat-pay-client';
import { checkSignatureHeaders, decryptResource } from '../../infra/wechat/pay/wechat-pay-crypto';
import type {
  WechatPayConfig,
  WechatPayNotification,
  WechatPayTransaction,
  WechatRefundNotice,
} from '../../infra/wechat/pay/wechat-pay.types';
import { MembersService } from '../members/members.service';
import { OrderBillingService, type BillableOrder } from '../orders/order-billing.service';
import { PaymentEntity } from './entities/payment.entity';
import { RefundEntity } from './entities/refund.entity';
import { NotificationRejected } from './payment-notification';
import { payErrorOf } from './policies/wechat-pay-errors';

const RECONCILE_BATCH = 50;
/** Give the notification a head start before asking WeChat ourselves. */
const RECONCILE_AFTER_MS = 60_000;

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
    @InjectRepository(RefundEntity) private readonly refunds: Repository<RefundEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pay: WechatPayClient,
    private readonly tx: TransactionRunner,
    private readonly orders: OrderBillingService,
    private readonly members: MembersService,
    private readonly events: EventBus,
    private readonly clock: BusinessClock,
  ) {}

  private payConfig(): WechatPayConfig {
    if (!this.config.wechatPay)
      throw new DomainError(ErrorCode.WECHAT_UNAVAILABLE, 'WeChat Pay is not configured.');
    return this.config.wechatPay;
  }

  async payOrder(memberId: number, orderId: number): Promise<PayOrderResponse> {
    const order = await this.orders.findOwned(memberId, orderId);
    if (!this.orders.isPayable(order)) {
      throw new DomainError(
        ErrorCode.ORDER_NOT_PAYABLE,
        `Order ${orderId} is ${order.status}; it cannot be paid.`,
      );
    }
    if (order.payable === 0) {
      await this.orders.confirmWithoutPayment(memberId, orderId);
      return { status: 'paid' };
    }
    const member = await this.members.getMember(memberId);
    let prepayId: string;
    try {
      prepayId = await this.pay.prepay({
        outTradeNo: order.no,
        description: `LensLoop ${order.no}`,
        amount: order.payable,
        openid: member.openid,
        // WeChat refuses payment once the order would be cancelled for non-payment.
        timeExpire: order.expiresAt,
      });
    } catch (error) {
      if (!(error instanceof WechatPayRejection)) throw error;
      // Paid already (another tab, a lost notification): take WeChat's word and settle it now.
      if (error.code === 'ORDERPAID' && (await this.syncFromWechat(order))) return { status: 'paid' };
      throw payErrorOf(error);
    }
    await this.orders.markPayRequested(order.id);
    return { status: 'pending_payment', payment: this.pay.paymentParams(prepayId) };
  }

  /** Asks WeChat for the order's transaction and settles it when paid; returns whether it was. */
  private async syncFromWechat(order: BillableOrder): Promise<boolean> {
    const transaction = await this.pay.queryByOutTradeNo(order.no);
    if (transaction?.trade_state !== 'SUCCESS') return false;
    await this.settleTransaction(transaction);
    return true;
  }

  /** Verifies, decrypts and applies a notification; throws NotificationRejected when WeChat must retry. */
  async handleNotification(
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): Promise<void> {
    const config = this.payConfig();
    const check = checkSignatureHeaders(headers, rawBody, this.pay.platformKeys());
    if (check !== 'ok') {
      // The serial is in the log so that an operator sees a platform key rotation coming.
      throw new NotificationRejected(
        401,
        `signature check failed: ${check} (Wechatpay-Serial ${String(headers['wechatpay-serial'])})`,
      );
    }
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
    const order = await this.orders.findByNo(transaction.out_trade_no);
    if (!order) throw new NotificationRejected(404, `unknown out_trade_no ${transaction.out_trade_no}`);
    if (transaction.amount?.total !== order.payable) {
      throw new NotificationRejected(
        400,
        `amount mismatch on ${order.no}: paid ${transaction.amount?.total}, payable ${order.payable}`,
      );
    }
    const transactionId = transaction.transaction_id;
    const paidAt = transaction.success_time ? new Date(transaction.success_time) : this.clock.now();
    await this.tx.run(async (manager) => {
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
        if (isDuplicateKey(error)) return;
        throw error;
      }
      if (await this.orders.markPaid(manager, order.id, paidAt)) return;
      const current = await this.orders.findById(order.id, manager);
      this.logger.warn(
        `payment ${transactionId} for ${order.no} arrived when it was ${current.status}: refunding`,
      );
      await this.createRefund(
        manager,
        current,
        order.payable,
        `RF${transactionId}`,
        'paid after cancellation',
      );
    });
  }

  /**
   * A full or partial refund of a paid order, by a manager of its store. Money goes back where it
   * came from: the refundable total is the WeChat part plus the wallet part; a partial refund takes
   * the WeChat part first, then the wallet (returned at once, in this transaction). A top-up order
   * refunds at most its principal still unspent in the wallet, and takes its bonus share with it.
   */
  async refundOrder(staff: Principal, orderId: number, amount?: number, reason?: string): Promise<Order> {
    const order = await this.orders.findForStaff(staff, orderId);
    if (!REFUNDABLE_STATUSES.includes(order.status) || order.payable + order.balancePaid === 0) {
      throw new DomainError(
        ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
        `An order that is ${order.status} cannot be refunded.`,
      );
    }
    const wechatLeft = order.payable - order.refunded;
    const walletLeft = order.balancePaid - order.balanceRefunded;
    let total = amount ?? wechatLeft + walletLeft;
    if (order.kind === 'top_up') {
      const unspent = Math.min(await this.orders.topUpRefundable(orderId), wechatLeft);
      if (amount !== undefined && amount > unspent && amount <= wechatLeft) {
        throw new DomainError(
          ErrorCode.WALLET_TOP_UP_SPENT,
          'Part of this top-up has been spent: only its unspent principal can be refunded.',
          [{ field: 'amount', message: `at most ${unspent} fen` }],
        );
      }
      if (amount === undefined && unspent === 0) {
        throw new DomainError(
          ErrorCode.WALLET_TOP_UP_SPENT,
          'The principal of this top-up has been spent: nothing is left to refund.',
        );
      }
      total = amount ?? unspent;
    }
    const wechatPart = Math.min(total, wechatLeft);
    const walletPart = total - wechatPart;
    if (walletPart > walletLeft) {
      throw new DomainError(
        ErrorCode.REFUND_AMOUNT_INVALID,
        'The refund is more than what is left to refund.',
        [{ field: 'amount', message: `at most ${wechatLeft + walletLeft} fen` }],
      );
    }
    await this.tx
      .run(async (manager) => {
        if (order.kind === 'top_up' && wechatPart > 0) {
          await this.orders.withdrawTopUp(manager, order.id, wechatPart);
        }
        if (wechatPart > 0) {
          const count = await manager.countBy(RefundEntity, { orderId });
          await this.createRefund(
            manager,
            order,
            wechatPart,
            `${order.no}R${count + 1}`,
            reason ?? 'refund by store',
          );
        }
        if (walletPart > 0) {
          if (!(await this.orders.refundToWallet(manager, order, walletPart))) {
            throw new DomainError(
              ErrorCode.REFUND_AMOUNT_INVALID,
              'The refund is more than what is left to refund.',
              [{ field: 'amount', message: `at most ${walletLeft} fen from the wallet` }],
            );
          }
          // A wallet-only refund settles at once; with a WeChat part, its notification settles it.
          const open = await manager.countBy(RefundEntity, { orderId, state: In(['pending', 'processing']) });
          await this.orders.markRefundedWhenSettled(manager, orderId, open);
        }
      })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
        throw new DomainError(
          ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
          'Another refund of this order is being made.',
        );
      });
    return this.orders.toOrder(orderId);
  }

  /**
   * Refunds what is left of an order's WeChat payment under a number the caller makes
   * deterministic (a failed group-buy), in the caller's transaction. The number is unique: a second
   * call with it does nothing and returns false. An order with nothing paid ends refunded at once.
   */
  async refundRemaining(
    manager: EntityManager,
    orderId: number,
    outRefundNo: string,
    reason: string,
  ): Promise<boolean> {
    if (await manager.existsBy(RefundEntity, { outRefundNo })) return false;
    const order = await this.orders.findById(orderId, manager);
    if (!REFUNDABLE_STATUSES.includes(order.status)) return false;
    const left = order.payable - order.refunded;
    if (left > 0) {
      await this.createRefund(manager, order, left, outRefundNo, reason);
      return true;
    }
    const open = await manager.countBy(RefundEntity, { orderId, state: In(['pending', 'processing']) });
    await this.orders.markRefundedWhenSettled(manager, orderId, open);
    return true;
  }

  /**
   * Reserves the amount on the order (never above what was paid), writes the pending refund and
   * publishes `RefundCreated`, whose handler asks WeChat after the commit.
   */
  private async createRefund(
    manager: EntityManager,
    order: BillableOrder,
    amount: number,
    outRefundNo: string,
    reason: string,
  ): Promise<void> {
    if (!(await this.orders.reserveRefund(manager, order.id, amount))) {
      throw new DomainError(
        ErrorCode.REFUND_AMOUNT_INVALID,
        'The refund is more than what is left to refund.',
        [{ field: 'amount', message: `at most ${order.payable - order.refunded} fen through WeChat Pay` }],
      );
    }
    const refund = await manager.save(
      manager.create(RefundEntity, { orderId: order.id, outRefundNo, amount, reason, state: 'pending' }),
    );
    await this.events.publish(manager, 'RefundCreated', refund.id, {
      refundId: refund.id,
      orderId: order.id,
    });
  }

  /**
   * Asks WeChat for a pending refund (the `RefundCreated` handler). A failure throws, so the
   * outbox retries with the same `out_refund_no`, which WeChat dedups: never paid twice.
   */
  async sendRefund(refundId: number): Promise<void> {
    const refund = await this.refunds.findOneByOrFail({ id: refundId });
    if (refund.state !== 'pending') return;
    const order = await this.orders.findById(refund.orderId);
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
  }

  /**
   * Closes the WeChat transaction of a cancelled order (the `OrderCancelled` handler), so it can
   * no longer be paid. A payment that raced the close is refunded when its notification arrives.
   */
  async closeCancelledTransaction(orderId: number): Promise<void> {
    const order = await this.orders.findById(orderId);
    if (order.status !== 'cancelled' || !order.payRequestedAt) return;
    try {
      await this.pay.close(order.no);
    } catch (error) {
      // Paid meanwhile: the late payment is refunded; closed already: nothing to do.
      if (error instanceof WechatPayRejection && ['ORDERPAID', 'ORDER_CLOSED'].includes(error.code)) return;
      throw error;
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
      if (!succeeded) {
        // The money stayed with the merchant: it can be refunded again.
        await this.orders.releaseRefund(manager, refund.orderId, refund.amount);
        this.logger.error(`refund ${refund.outRefundNo} ended ${notice.refund_status}`);
        return;
      }
      const unsettled = await manager.countBy(RefundEntity, {
        orderId: refund.orderId,
        state: In(['pending', 'processing']),
      });
      await this.orders.markRefundedWhenSettled(manager, refund.orderId, unsettled);
    });
  }

  /**
   * For orders whose payment notification has not come: asks WeChat and settles what was paid.
   * Safe to run in several replicas at once. (Refunds WeChat did not take are retried by the outbox.)
   */
  async reconcile(): Promise<number> {
    const waiting = await this.orders.awaitingPayment(
      new Date(this.clock.nowMs() - RECONCILE_AFTER_MS),
      RECONCILE_BATCH,
    );
    let handled = 0;
    for (const order of waiting) {
      try {
        if (await this.syncFromWechat(order)) handled++;
      } catch (error) {
        this.logger.warn(`reconciling ${order.no} failed: ${(error as Error).message}`);
      }
    }
    return handled;
  }

  /** Development and tests: the fake WeChat Pay "pays" and posts its signed notification. */
  async completeWithFakePay(memberId: number, orderId: number): Promise<Order> {
    if (this.config.environment === 'production') throw new DomainError(ErrorCode.NOT_FOUND, 'Not found.');
    const result = await this.payOrder(memberId, orderId);
    if (result.status === 'pending_payment') {
      const order = await this.orders.findOwned(memberId, orderId);
      const response = await fetch(`${this.payConfig().baseUrl}/fake/pay/${order.no}/succeed`, {
        method: 'POST',
      });
      if (response.status >= 400 && response.status < 500) {
        const { code, message } = (await response.json()) as { code: string; message: string };
        throw payErrorOf(new WechatPayRejection(response.status, code, message));
      }
      if (!response.ok)
        throw new DomainError(ErrorCode.WECHAT_UNAVAILABLE, `The fake WeChat Pay said ${response.status}.`);
    }
    return this.orders.toOrder(orderId);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { WechatPayClient } from '../../infra/wechat/pay/wechat-pay-client';
import type { OrderEntity } from './entities/order.entity';

/**
 * After a cancellation has committed, closes the WeChat transaction of each order that had a
 * prepay, so the customer can no longer pay it. Best effort: a payment that still gets through
 * (it raced the close) is refunded when its notification arrives.
 */
@Injectable()
export class WechatTransactionCloser {
  private readonly logger = new Logger(WechatTransactionCloser.name);

  constructor(private readonly pay: WechatPayClient) {}

  async closeCancelled(orders: readonly OrderEntity[]): Promise<void> {
    for (const order of orders) {
      if (order.status !== 'cancelled' || !order.payRequestedAt) continue;
      try {
        await this.pay.close(order.no);
      } catch (error) {
        this.logger.warn(`closing the WeChat transaction of ${order.no} failed: ${(error as Error).message}`);
      }
    }
  }
}

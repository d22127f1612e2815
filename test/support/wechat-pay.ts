import type { FakePayOptions } from '../../server/src/infra/wechat/pay/dev-pay-credentials';
import type { WechatPayTransaction } from '../../server/src/infra/wechat/pay/wechat-pay.types';

/**
 * What WeChat Pay reports for `order` paid in full by `openid` (the resource of a
 * `TRANSACTION.SUCCESS` notification), with a fresh transaction id; `overrides` forge the rest.
 */
export function paidTransaction(
  pay: Pick<FakePayOptions, 'appId' | 'mchId'>,
  order: { no: string; payable: number },
  openid: string,
  overrides: Partial<WechatPayTransaction> = {},
): WechatPayTransaction {
  return {
    appid: pay.appId,
    mchid: pay.mchId,
    out_trade_no: order.no,
    transaction_id: `4200${Date.now()}${Math.floor(Math.random() * 1e9)}`.slice(0, 28),
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    success_time: new Date().toISOString(),
    payer: { openid },
    amount: { total: order.payable, payer_total: order.payable, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
}

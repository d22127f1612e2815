import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakePayOptions } from './dev-pay-credentials';
import {
  encryptResource,
  parseAuthorization,
  rsaVerify,
  signatureHeaders,
  signatureMessage,
  unixSeconds,
} from './wechat-pay-crypto';
import type { WechatPayRefund, WechatPayTransaction, WechatRefundNotice } from './wechat-pay.types';

interface FakeTransaction extends WechatPayTransaction {
  notifyUrl: string;
  prepayId: string;
}

export interface SignedNotification {
  body: string;
  headers: Record<string, string>;
}

/** A notification exactly as WeChat Pay posts it: encrypted resource, signed headers. */
export function signedNotification(
  platform: Pick<FakePayOptions, 'platformPrivateKey' | 'platformSerialNo' | 'apiV3Key'>,
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS',
  resource: object,
  timestamp?: string,
): SignedNotification {
  const originalType = eventType === 'TRANSACTION.SUCCESS' ? 'transaction' : 'refund';
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: eventType === 'TRANSACTION.SUCCESS' ? '支付成功' : '退款成功',
    resource: encryptResource(platform.apiV3Key, JSON.stringify(resource), originalType, originalType),
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      ...signatureHeaders(platform.platformPrivateKey, platform.platformSerialNo, body, timestamp),
    },
  };
}

function digits(count: number): string {
  return Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
}

/**
 * The WeChat Pay v3 part of the fake WeChat server: verifies the merchant's request signatures,
 * answers JSAPI prepay, query by out_trade_no and refunds with platform-signed responses, and
 * posts signed, encrypted notifications to the notify_url the merchant gave. `POST
 * /fake/pay/<out_trade_no>/succeed[?notify=false]` plays the customer paying in WeChat.
 */
export function createFakeWechatPay(options: FakePayOptions) {
  const transactions = new Map<string, FakeTransaction>();
  const refunds = new Map<string, WechatPayRefund & { notifyUrl: string }>();

  function reply(response: ServerResponse, status: number, payload?: object): void {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    response.writeHead(status, {
      'content-type': 'application/json',
      ...signatureHeaders(options.platformPrivateKey, options.platformSerialNo, body),
    });
    response.end(body);
  }

  function authorised(request: IncomingMessage, path: string, body: string): boolean {
    const fields = parseAuthorization(request.headers.authorization ?? '');
    if (!fields || fields.mchid !== options.mchId || fields.serial_no !== options.merchantSerialNo)
      return false;
    if (Math.abs(Number(unixSeconds()) - Number(fields.timestamp)) > 300) return false;
    const message = signatureMessage(request.method ?? '', path, fields.timestamp, fields.nonce_str, body);
    return rsaVerify(options.merchantPublicKey, message, fields.signature);
  }

  async function post(url: string, notification: SignedNotification): Promise<number> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: notification.headers,
        body: notification.body,
      });
      return response.status;
    } catch {
      return 0;
    }
  }

  function transactionView(transaction: FakeTransaction): WechatPayTransaction {
    const { notifyUrl: _notifyUrl, prepayId: _prepayId, ...view } = transaction;
    return view;
  }

  async function notifyPaid(transaction: FakeTransaction): Promise<number> {
    return post(
      transaction.notifyUrl,
      signedNotification(options, 'TRANSACTION.SUCCESS', transactionView(transaction)),
    );
  }

  async function settleRefund(refund: WechatPayRefund & { notifyUrl: string }): Promise<void> {
    refund.status = 'SUCCESS';
    const notice: WechatRefundNotice = {
      mchid: options.mchId,
      out_trade_no: refund.out_trade_no,
      transaction_id: refund.transaction_id,
      out_refund_no: refund.out_refund_no,
      refund_id: refund.refund_id,
      refund_status: 'SUCCESS',
      success_time: new Date().toISOString(),
      amount: {
        total: refund.amount.total,
        refund: refund.amount.refund,
        payer_total: refund.amount.total,
        payer_refund: refund.amount.refund,
      },
    };
    await post(refund.notifyUrl, signedNotification(options, 'REFUND.SUCCESS', notice));
  }

  /** Handles a request when it is a Pay path; returns false for other paths. */
  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    body: string,
  ): Promise<boolean> {
    const path = `${url.pathname}${url.search}`;
    const control = /^\/fake\/pay\/([\w-]+)\/succeed$/.exec(url.pathname);
    if (control && request.method === 'POST') {
      const transaction = transactions.get(control[1]);
      if (!transaction) {
        reply(response, 404, { code: 'ORDER_NOT_EXIST', message: 'no prepay for this out_trade_no' });
        return true;
      }
      if (transaction.trade_state === 'NOTPAY') {
        Object.assign(transaction, {
          trade_state: 'SUCCESS',
          trade_state_desc: '支付成功',
          transaction_id: `4200${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${digits(16)}`,
          success_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
          bank_type: 'OTHERS',
        });
      }
      const notified = url.searchParams.get('notify') === 'false' ? null : await notifyPaid(transaction);
      reply(response, 200, { transaction_id: transaction.transaction_id, notifyStatus: notified });
      return true;
    }
    if (!url.pathname.startsWith('/v3/')) return false;
    if (!authorised(request, path, body)) {
      reply(response, 401, { code: 'SIGN_ERROR', message: '签名错误' });
      return true;
    }
    const payload = body ? (JSON.parse(body) as Record<string, any>) : {};
    const queried = /^\/v3\/pay\/transactions\/out-trade-no\/([\w-]+)$/.exec(url.pathname);
    if (url.pathname === '/v3/pay/transactions/jsapi' && request.method === 'POST') {
      if (payload.appid !== options.appId || payload.mchid !== options.mchId) {
        reply(response, 400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' });
      } else if (!(payload.amount?.total > 0) || !payload.payer?.openid || !payload.notify_url) {
        reply(response, 400, { code: 'PARAM_ERROR', message: '参数错误' });
      } else {
        const existing = transactions.get(payload.out_trade_no);
        if (existing && existing.trade_state !== 'NOTPAY') {
          reply(response, 400, { code: 'ORDERPAID', message: '该订单已支付' });
        } else {
          const transaction: FakeTransaction = existing ?? {
            appid: options.appId,
            mchid: options.mchId,
            out_trade_no: payload.out_trade_no,
            trade_type: 'JSAPI',
            trade_state: 'NOTPAY',
            trade_state_desc: '订单未支付',
            payer: { openid: payload.payer.openid },
            amount: {
              total: payload.amount.total,
              payer_total: payload.amount.total,
              currency: 'CNY',
              payer_currency: 'CNY',
            },
            notifyUrl: payload.notify_url,
            prepayId: `wx${Date.now()}${digits(10)}`,
          };
          transactions.set(transaction.out_trade_no, transaction);
          reply(response, 200, { prepay_id: transaction.prepayId });
        }
      }
    } else if (queried && request.method === 'GET') {
      const transaction = transactions.get(queried[1]);
      if (transaction) reply(response, 200, transactionView(transaction));
      else reply(response, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    } else if (url.pathname === '/v3/refund/domestic/refunds' && request.method === 'POST') {
      const transaction = transactions.get(payload.out_trade_no);
      const existing = refunds.get(payload.out_refund_no);
      const refunded = [...refunds.values()]
        .filter((refund) => refund.out_trade_no === payload.out_trade_no)
        .reduce((sum, refund) => sum + refund.amount.refund, 0);
      if (existing) {
        reply(response, 200, existing);
      } else if (!transaction?.transaction_id) {
        reply(response, 404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
      } else if (
        payload.amount?.total !== transaction.amount?.total ||
        !(payload.amount?.refund > 0) ||
        refunded + payload.amount.refund > (transaction.amount?.total ?? 0)
      ) {
        reply(response, 403, { code: 'NOT_ENOUGH', message: '退款金额超过可退金额' });
      } else {
        const refund = {
          refund_id: `5030${digits(24)}`,
          out_refund_no: payload.out_refund_no,
          transaction_id: transaction.transaction_id,
          out_trade_no: transaction.out_trade_no,
          status: 'PROCESSING' as const,
          amount: { total: transaction.amount?.total ?? 0, refund: payload.amount.refund, currency: 'CNY' },
          notifyUrl: payload.notify_url ?? transaction.notifyUrl,
        };
        refunds.set(refund.out_refund_no, refund);
        const { notifyUrl: _notifyUrl, ...view } = refund;
        reply(response, 200, view);
        // The bank settles the refund a moment later and WeChat notifies the merchant.
        setTimeout(() => void settleRefund(refund), 50);
      }
    } else {
      reply(response, 404, { code: 'NOT_FOUND', message: 'no such API' });
    }
    return true;
  }

  return { handle };
}

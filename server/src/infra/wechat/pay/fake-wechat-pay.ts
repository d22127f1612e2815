import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakePayOptions } from './dev-pay-credentials';
import {
  encryptResource,
  MAX_CLOCK_SKEW_SECONDS,
  parseAuthorization,
  rfc3339,
  rsaVerify,
  signatureHeaders,
  signatureMessage,
  unixSeconds,
} from './wechat-pay-crypto';
import type { WechatPayRefund, WechatPayTransaction, WechatRefundNotice } from './wechat-pay.types';

interface FakeTransaction {
  view: WechatPayTransaction;
  notifyUrl: string;
  prepayId: string;
  /** Close requests answered, for tests of "closed exactly once". */
  answeredCloses: number;
  /** Tests hold close answers this long, to stop the merchant in the middle of one. */
  closeDelayMs: number;
  /** As the merchant sent them with the prepay, for tests of the request's form. */
  timeExpire: string;
  userAgent: string;
}

interface FakeRefund {
  view: WechatPayRefund;
  notifyUrl: string;
}

/** The fields of merchant request bodies the fake looks at. */
interface MerchantRequestBody {
  appid?: string;
  mchid?: string;
  out_trade_no?: string;
  out_refund_no?: string;
  notify_url?: string;
  time_expire?: string;
  amount?: { total?: number; refund?: number };
  payer?: { openid?: string };
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
    create_time: rfc3339(),
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

/** `yyyy-MM-DDTHH:mm:ss+08:00`, the form of WeChat's own examples. */
const TIME_EXPIRE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
/** A product and its version (`LensLoop/1.2.0 …`), not a missing header or a library's bare name. */
const USER_AGENT = /^[\w.-]+\/[\w.-]+/;

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
  const refunds = new Map<string, FakeRefund>();

  function reply(
    response: ServerResponse,
    status: number,
    payload?: object,
    signer = { privateKey: options.platformPrivateKey, serialNo: options.platformSerialNo },
  ): void {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    response.writeHead(status, {
      'content-type': 'application/json',
      ...signatureHeaders(signer.privateKey, signer.serialNo, body),
    });
    response.end(body);
  }

  /** `GET /v3/certificates`: each certificate encrypted with the APIv3 key, as WeChat lists them. */
  function certificates(response: ServerResponse): void {
    const listed = options.platformCertificates ?? [];
    if (!listed.length) return reply(response, 404, { code: 'NOT_FOUND', message: '无可用的平台证书' });
    const data = listed.map((certificate) => {
      const { algorithm, nonce, associated_data, ciphertext } = encryptResource(
        options.apiV3Key,
        certificate.certificate,
        'certificate',
        'certificate',
      );
      return {
        serial_no: certificate.serialNo,
        effective_time: rfc3339(new Date(Date.now() - 86_400_000)),
        expire_time: rfc3339(new Date(Date.now() + 86_400_000)),
        encrypt_certificate: { algorithm, nonce, associated_data, ciphertext },
      };
    });
    // WeChat signs this answer with a platform certificate, possibly one the merchant has not got yet.
    reply(response, 200, { data }, { privateKey: listed[0].privateKey, serialNo: listed[0].serialNo });
  }

  function authorised(request: IncomingMessage, path: string, body: string): boolean {
    const fields = parseAuthorization(request.headers.authorization ?? '');
    if (!fields || fields.mchid !== options.mchId || fields.serial_no !== options.merchantSerialNo)
      return false;
    if (Math.abs(Number(unixSeconds()) - Number(fields.timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
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

  async function notifyPaid(transaction: FakeTransaction): Promise<number> {
    return post(transaction.notifyUrl, signedNotification(options, 'TRANSACTION.SUCCESS', transaction.view));
  }

  async function settleRefund({ view: refund, notifyUrl }: FakeRefund): Promise<void> {
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
    await post(notifyUrl, signedNotification(options, 'REFUND.SUCCESS', notice));
  }

  /** The customer pays in WeChat: the transaction succeeds and, unless asked not to, is notified. */
  async function pay(response: ServerResponse, outTradeNo: string, notify: boolean): Promise<void> {
    const transaction = transactions.get(outTradeNo);
    if (!transaction)
      return reply(response, 404, { code: 'ORDER_NOT_EXIST', message: 'no prepay for this out_trade_no' });
    if (transaction.view.trade_state === 'CLOSED') {
      return reply(response, 400, { code: 'ORDER_CLOSED', message: '订单已关闭' });
    }
    if (transaction.view.trade_state === 'NOTPAY') {
      Object.assign(transaction.view, {
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        transaction_id: `4200${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${digits(16)}`,
        success_time: rfc3339(),
      });
    }
    const notifyStatus = notify ? await notifyPaid(transaction) : null;
    reply(response, 200, { transaction_id: transaction.view.transaction_id, notifyStatus });
  }

  function prepay(response: ServerResponse, payload: MerchantRequestBody, userAgent: string): void {
    const {
      out_trade_no: outTradeNo,
      amount,
      payer,
      notify_url: notifyUrl,
      time_expire: timeExpire,
    } = payload;
    if (payload.appid !== options.appId || payload.mchid !== options.mchId) {
      return reply(response, 400, { code: 'PARAM_ERROR', message: 'appid和mch_id不匹配' });
    }
    if (!outTradeNo || !amount?.total || amount.total <= 0 || !payer?.openid || !notifyUrl) {
      return reply(response, 400, { code: 'PARAM_ERROR', message: '参数错误' });
    }
    if (timeExpire !== undefined && !TIME_EXPIRE.test(timeExpire)) {
      return reply(response, 400, { code: 'PARAM_ERROR', message: 'time_expire格式错误' });
    }
    const existing = transactions.get(outTradeNo);
    if (existing?.view.trade_state === 'CLOSED') {
      return reply(response, 400, { code: 'ORDER_CLOSED', message: '订单已关闭' });
    }
    if (existing && existing.view.trade_state !== 'NOTPAY') {
      return reply(response, 400, { code: 'ORDERPAID', message: '该订单已支付' });
    }
    const transaction: FakeTransaction = existing ?? {
      view: {
        appid: options.appId,
        mchid: options.mchId,
        out_trade_no: outTradeNo,
        trade_type: 'JSAPI',
        trade_state: 'NOTPAY',
        trade_state_desc: '订单未支付',
        payer: { openid: payer.openid },
        amount: { total: amount.total, payer_total: amount.total, currency: 'CNY', payer_currency: 'CNY' },
      },
      notifyUrl,
      prepayId: `wx${Date.now()}${digits(10)}`,
      answeredCloses: 0,
      closeDelayMs: 0,
      timeExpire: timeExpire ?? '',
      userAgent,
    };
    transactions.set(outTradeNo, transaction);
    reply(response, 200, { prepay_id: transaction.prepayId });
  }

  async function close(response: ServerResponse, outTradeNo: string): Promise<void> {
    const transaction = transactions.get(outTradeNo);
    if (!transaction) return reply(response, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    if (transaction.closeDelayMs)
      await new Promise((resolve) => setTimeout(resolve, transaction.closeDelayMs));
    if (response.destroyed) return;
    if (transaction.view.trade_state === 'SUCCESS')
      return reply(response, 400, { code: 'ORDERPAID', message: '该订单已支付' });
    Object.assign(transaction.view, { trade_state: 'CLOSED', trade_state_desc: '已关闭' });
    transaction.answeredCloses++;
    reply(response, 204);
  }

  /**
   * Test controls: `GET /fake/pay/<no>` shows a transaction (with the prepay's `time_expire` and
   * User-Agent); `POST …/hold-close?ms=` slows its close.
   */
  function control(
    response: ServerResponse,
    method: string,
    outTradeNo: string,
    action: string | undefined,
    url: URL,
  ) {
    const transaction = transactions.get(outTradeNo);
    if (!transaction)
      return reply(response, 404, { code: 'ORDER_NOT_EXIST', message: 'no prepay for this out_trade_no' });
    if (method === 'POST' && action === 'hold-close')
      transaction.closeDelayMs = Number(url.searchParams.get('ms') ?? 0);
    reply(response, 200, {
      trade_state: transaction.view.trade_state,
      answeredCloses: transaction.answeredCloses,
      closeDelayMs: transaction.closeDelayMs,
      timeExpire: transaction.timeExpire,
      userAgent: transaction.userAgent,
    });
  }

  function refund(response: ServerResponse, payload: MerchantRequestBody): void {
    const transaction = transactions.get(payload.out_trade_no ?? '')?.view;
    const existing = refunds.get(payload.out_refund_no ?? '');
    // The same out_refund_no is the same refund: WeChat answers it again, never pays twice.
    if (existing) return reply(response, 200, existing.view);
    if (!transaction?.transaction_id || !payload.out_refund_no) {
      return reply(response, 404, { code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' });
    }
    const total = transaction.amount?.total ?? 0;
    const amount = payload.amount?.refund ?? 0;
    const refunded = [...refunds.values()]
      .filter((candidate) => candidate.view.out_trade_no === transaction.out_trade_no)
      .reduce((sum, candidate) => sum + candidate.view.amount.refund, 0);
    if (payload.amount?.total !== total || amount <= 0 || refunded + amount > total) {
      return reply(response, 403, { code: 'NOT_ENOUGH', message: '退款金额超过可退金额' });
    }
    const created: FakeRefund = {
      view: {
        refund_id: `5030${digits(24)}`,
        out_refund_no: payload.out_refund_no,
        transaction_id: transaction.transaction_id,
        out_trade_no: transaction.out_trade_no,
        status: 'PROCESSING',
        amount: { total, refund: amount, currency: 'CNY' },
      },
      notifyUrl: payload.notify_url ?? transactions.get(transaction.out_trade_no)?.notifyUrl ?? '',
    };
    refunds.set(payload.out_refund_no, created);
    reply(response, 200, created.view);
    // The bank settles the refund a moment later and WeChat notifies the merchant.
    setTimeout(() => void settleRefund(created), 50);
  }

  /** Handles a request when it is a Pay path; returns false for other paths. */
  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    body: string,
  ): Promise<boolean> {
    const succeed = /^\/fake\/pay\/([\w-]+)\/succeed$/.exec(url.pathname);
    if (succeed && request.method === 'POST') {
      await pay(response, succeed[1], url.searchParams.get('notify') !== 'false');
      return true;
    }
    const inspect = /^\/fake\/pay\/([\w-]+)(?:\/(hold-close))?$/.exec(url.pathname);
    if (inspect) {
      control(response, request.method ?? 'GET', inspect[1], inspect[2], url);
      return true;
    }
    if (!url.pathname.startsWith('/v3/')) return false;
    const userAgent = request.headers['user-agent'] ?? '';
    if (!USER_AGENT.test(userAgent)) {
      reply(response, 400, { code: 'PARAM_ERROR', message: 'Http头缺少User-Agent' });
      return true;
    }
    if (!authorised(request, `${url.pathname}${url.search}`, body)) {
      reply(response, 401, { code: 'SIGN_ERROR', message: '签名错误' });
      return true;
    }
    const payload = (body ? JSON.parse(body) : {}) as MerchantRequestBody;
    const queried = /^\/v3\/pay\/transactions\/out-trade-no\/([\w-]+)$/.exec(url.pathname);
    const closed = /^\/v3\/pay\/transactions\/out-trade-no\/([\w-]+)\/close$/.exec(url.pathname);
    if (url.pathname === '/v3/pay/transactions/jsapi' && request.method === 'POST') {
      prepay(response, payload, userAgent);
    } else if (queried && request.method === 'GET') {
      const transaction = transactions.get(queried[1]);
      if (transaction) reply(response, 200, transaction.view);
      else reply(response, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    } else if (closed && request.method === 'POST') {
      await close(response, closed[1]);
    } else if (url.pathname === '/v3/certificates' && request.method === 'GET') {
      certificates(response);
    } else if (url.pathname === '/v3/refund/domestic/refunds' && request.method === 'POST') {
      refund(response, payload);
    } else {
      reply(response, 404, { code: 'NOT_FOUND', message: 'no such API' });
    }
    return true;
  }

  return { handle };
}

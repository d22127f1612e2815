import { arch, platform } from 'node:os';
import { ErrorCode, type WechatPaymentParams } from '@lensloop/shared';
import { DomainError } from '../../../common/domain-error';
import { APP_VERSION } from '../../config/app-version';
import {
  authorizationHeader,
  checkSignatureHeaders,
  decryptResource,
  nonce,
  type PlatformKeys,
  rfc3339,
  rsaSign,
  signatureMessage,
  unixSeconds,
} from './wechat-pay-crypto';
import type {
  WechatPayCertificateEntry,
  WechatPayConfig,
  WechatPayRefund,
  WechatPayTransaction,
} from './wechat-pay.types';

export interface PrepayRequest {
  outTradeNo: string;
  description: string;
  amount: number;
  openid: string;
  timeExpire: Date;
}

export interface RefundCall {
  outTradeNo: string;
  outRefundNo: string;
  refund: number;
  total: number;
  reason: string;
}

/** WeChat Pay refuses requests without a User-Agent; this one names us for its support staff. */
export const USER_AGENT = `LensLoop/${APP_VERSION} (WechatPay-APIv3; Node.js/${process.version}; ${platform()} ${arch()})`;

/**
 * WeChat Pay answered, and said no (a 4xx with `{ code, message }`): not an outage. Callers
 * decide what each code means (`ORDERPAID` on prepay: the order is paid; `ORDER_CLOSED`: it
 * can no longer be paid, …).
 */
export class WechatPayRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** WeChat's own explanation, e.g. 该订单已支付. */
    readonly reason: string,
  ) {
    super(`WeChat Pay refused (${status} ${code}): ${reason}`);
    this.name = 'WechatPayRejection';
  }
}

/**
 * WeChat Pay API v3 over HTTP: requests signed with the merchant key, responses verified
 * against the platform key. The base URL is api.mch.weixin.qq.com or the local fake.
 */
export class WechatPayClient {
  /** Platform certificates from the last `GET /v3/certificates`, by serial. */
  private downloadedKeys: PlatformKeys = {};

  constructor(private readonly config: () => WechatPayConfig) {}

  /** The keys signatures are checked with: the configured ones and the downloaded certificates. */
  platformKeys(): PlatformKeys {
    return { ...this.downloadedKeys, ...this.config().platformKeys };
  }

  /**
   * Downloads the platform certificates WeChat currently signs with and trusts them besides the
   * configured keys; returns their serials. The list is encrypted with the APIv3 key, which is
   * what makes it WeChat's: its response may be signed by a certificate only in that list.
   */
  async downloadPlatformCertificates(): Promise<string[]> {
    const config = this.config();
    const certificatesIn = (text: string): PlatformKeys => {
      const { data } = JSON.parse(text) as { data: WechatPayCertificateEntry[] };
      return Object.fromEntries(
        data.map((entry) => [entry.serial_no, decryptResource(config.apiV3Key, entry.encrypt_certificate)]),
      );
    };
    let downloaded: PlatformKeys = {};
    await this.call('GET', '/v3/certificates', undefined, [], (text) => (downloaded = certificatesIn(text)));
    this.downloadedKeys = downloaded;
    return Object.keys(downloaded);
  }

  /** JSAPI prepay; WeChat returns the same prepay id for a repeated identical request. */
  async prepay(request: PrepayRequest): Promise<string> {
    const config = this.config();
    const body = await this.call<{ prepay_id: string }>('POST', '/v3/pay/transactions/jsapi', {
      appid: config.appId,
      mchid: config.mchId,
      description: request.description,
      out_trade_no: request.outTradeNo,
      time_expire: rfc3339(request.timeExpire),
      notify_url: config.notifyUrl,
      amount: { total: request.amount, currency: 'CNY' },
      payer: { openid: request.openid },
    });
    if (!body?.prepay_id) throw unavailable('prepay returned no prepay_id');
    return body.prepay_id;
  }

  /** What `wx.requestPayment` needs, signed `appId\ntimeStamp\nnonceStr\npackage\n`, with the appId. */
  paymentParams(prepayId: string): WechatPaymentParams {
    const config = this.config();
    const timeStamp = unixSeconds();
    const nonceStr = nonce();
    const packageValue = `prepay_id=${prepayId}`;
    return {
      appId: config.appId,
      timeStamp,
      nonceStr,
      package: packageValue,
      signType: 'RSA',
      paySign: rsaSign(
        config.merchantPrivateKey,
        signatureMessage(config.appId, timeStamp, nonceStr, packageValue),
      ),
    };
  }

  /** The transaction of an order, or null when WeChat has none (`ORDER_NOT_EXIST`). */
  async queryByOutTradeNo(outTradeNo: string): Promise<WechatPayTransaction | null> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${this.config().mchId}`;
    return this.call<WechatPayTransaction>('GET', path, undefined, [404]);
  }

  /** Closes an unpaid transaction so that it can no longer be paid (WeChat answers 204). */
  async close(outTradeNo: string): Promise<void> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`;
    await this.call('POST', path, { mchid: this.config().mchId });
  }

  /** Refunds are idempotent on `out_refund_no`: retrying the same one never pays twice. */
  async refund(call: RefundCall): Promise<WechatPayRefund> {
    const body = await this.call<WechatPayRefund>('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: call.outTradeNo,
      out_refund_no: call.outRefundNo,
      reason: call.reason,
      notify_url: this.config().notifyUrl,
      amount: { refund: call.refund, total: call.total, currency: 'CNY' },
    });
    if (!body) throw unavailable('refund returned no body');
    return body;
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    payload?: object,
    absentStatuses: number[] = [],
    /** Keys a response brings along for its own check (the certificate list). */
    keysInResponse: (text: string) => PlatformKeys = () => ({}),
  ): Promise<T | null> {
    const config = this.config();
    const body = payload === undefined ? '' : JSON.stringify(payload);
    let response: Response;
    try {
      response = await fetch(`${config.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          authorization: authorizationHeader(
            { mchId: config.mchId, serialNo: config.merchantSerialNo, privateKey: config.merchantPrivateKey },
            method,
            path,
            body,
          ),
        },
        body: payload === undefined ? undefined : body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : 'request failed');
    }
    const text = await response.text();
    if (absentStatuses.includes(response.status)) return null;
    if (response.status >= 400 && response.status < 500) throw rejection(response.status, text);
    if (!response.ok) throw unavailable(`HTTP ${response.status} ${text.slice(0, 200)}`);
    // A response that is not signed by the platform could come from anyone on the path.
    const header = (name: string) => response.headers.get(name) ?? undefined;
    const signed = {
      'wechatpay-timestamp': header('wechatpay-timestamp'),
      'wechatpay-nonce': header('wechatpay-nonce'),
      'wechatpay-signature': header('wechatpay-signature'),
      'wechatpay-serial': header('wechatpay-serial'),
    };
    let keys: PlatformKeys;
    try {
      keys = { ...keysInResponse(text), ...this.platformKeys() };
    } catch (error) {
      throw unavailable(`unreadable response: ${(error as Error).message}`);
    }
    const check = checkSignatureHeaders(signed, text, keys);
    if (check !== 'ok') {
      throw unavailable(
        `response signature check failed: ${check} (Wechatpay-Serial ${signed['wechatpay-serial']})`,
      );
    }
    return text ? (JSON.parse(text) as T) : null;
  }
}

function rejection(status: number, text: string): WechatPayRejection {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string')
      return new WechatPayRejection(status, body.code, String(body.message ?? ''));
  } catch {
    // Not WeChat's JSON error body: report the status alone.
  }
  return new WechatPayRejection(status, `HTTP_${status}`, text.slice(0, 200));
}

function unavailable(reason: string): DomainError {
  return new DomainError(ErrorCode.WECHAT_UNAVAILABLE, `WeChat Pay could not be reached: ${reason}`);
}

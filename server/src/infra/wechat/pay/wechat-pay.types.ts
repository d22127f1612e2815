import type { PlatformKeys } from './wechat-pay-crypto';

/** WeChat Pay v3 bodies, field names as the platform spells them. */

export interface WechatPayConfig {
  mchId: string;
  /** The mini-program's appid the payments are made in. */
  appId: string;
  merchantSerialNo: string;
  /** PEM of the merchant API private key (apiclient_key.pem). */
  merchantPrivateKey: string;
  /**
   * PEM public keys that verify responses and notifications, by platform certificate serial or
   * WeChat Pay public key id (`PUB_KEY_ID_…`); WeChat names the one it signed with in `Wechatpay-Serial`.
   */
  platformKeys: PlatformKeys;
  /**
   * Also trust the platform certificates WeChat lists at `GET /v3/certificates`, downloaded by the
   * `wechat-pay-certificates` job (merchants on certificates rather than a public key).
   */
  downloadCertificates?: boolean;
  /** The 32-character APIv3 key that encrypts notification resources. */
  apiV3Key: string;
  notifyUrl: string;
  baseUrl: string;
}

/** One entry of `GET /v3/certificates`: a platform certificate encrypted with the APIv3 key. */
export interface WechatPayCertificateEntry {
  serial_no: string;
  effective_time: string;
  expire_time: string;
  encrypt_certificate: {
    algorithm: 'AEAD_AES_256_GCM';
    nonce: string;
    associated_data: string;
    ciphertext: string;
  };
}

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

export interface WechatPayTransaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id?: string;
  trade_type?: string;
  trade_state: TradeState;
  trade_state_desc?: string;
  success_time?: string;
  payer?: { openid: string };
  amount?: { total: number; payer_total?: number; currency: string; payer_currency?: string };
}

export type RefundStatus = 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';

export interface WechatPayRefund {
  refund_id: string;
  out_refund_no: string;
  transaction_id: string;
  out_trade_no: string;
  status: RefundStatus;
  amount: { total: number; refund: number; currency: string };
}

/** The decrypted resource of a `REFUND.*` notification. */
export interface WechatRefundNotice {
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  out_refund_no: string;
  refund_id: string;
  refund_status: RefundStatus;
  success_time?: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
}

export interface WechatPayNotification {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  summary: string;
  resource: {
    algorithm: string;
    ciphertext: string;
    associated_data?: string;
    nonce: string;
    original_type: string;
  };
}

import { ErrorCode } from '@lensloop/shared';
import { DomainError } from '../../common/domain-error';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

interface WechatErrorBody {
  errcode?: number;
  errmsg?: string;
}

/** WeChat's error codes for a login or phone code that is wrong, used or expired. */
const INVALID_CODE_ERRORS = new Set([40029, 40163, 40226]);
const INVALID_TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/**
 * Client of WeChat's server API over HTTP. The base URL comes from config, so the same code
 * talks to api.weixin.qq.com in production and to the local fake in development and tests.
 */
export class WechatClient {
  private accessToken: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
  ) {}

  async codeToSession(code: string): Promise<WechatSession> {
    const query = new URLSearchParams({
      appid: this.appId,
      secret: this.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const body = await this.call<{ openid?: string; unionid?: string; session_key?: string }>(
      `/sns/jscode2session?${query}`,
    );
    if (!body.openid || !body.session_key) throw this.unavailable('jscode2session returned no openid');
    return { openid: body.openid, unionid: body.unionid ?? null, sessionKey: body.session_key };
  }

  /** Exchanges a `getPhoneNumber` button code for the user's phone number. */
  async phoneNumber(code: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.getAccessToken();
      try {
        const body = await this.call<{ phone_info?: { purePhoneNumber?: string } }>(
          `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
          { code },
        );
        const phone = body.phone_info?.purePhoneNumber;
        if (!phone) throw this.unavailable('getuserphonenumber returned no phone number');
        return phone;
      } catch (error) {
        // A token revoked early (another process refreshed it) is fetched again once.
        if (error instanceof InvalidAccessToken && attempt === 0) {
          this.accessToken = null;
          continue;
        }
        throw error instanceof InvalidAccessToken ? this.unavailable('access token rejected') : error;
      }
    }
  }

  /**
   * `wxacode.getUnlimited`: a mini-program code image opening `page` with `scene`. WeChat answers
   * the image bytes, or a JSON error body.
   */
  async unlimitedQrCode(scene: string, page: string): Promise<{ contentType: string; image: Buffer }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.getAccessToken();
      let response: Response;
      try {
        response = await fetch(
          `${this.baseUrl}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ scene, page, check_path: false, width: 430 }),
            signal: AbortSignal.timeout(5000),
          },
        );
      } catch (error) {
        throw this.unavailable(error instanceof Error ? error.message : 'request failed');
      }
      if (!response.ok) throw this.unavailable(`HTTP ${response.status}`);
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType.startsWith('image/')) {
        return { contentType, image: Buffer.from(await response.arrayBuffer()) };
      }
      const body = (await response.json()) as WechatErrorBody;
      if (body.errcode && INVALID_TOKEN_ERRORS.has(body.errcode) && attempt === 0) {
        this.accessToken = null;
        continue;
      }
      throw this.unavailable(`getwxacodeunlimit: WeChat error ${body.errcode ?? '?'}: ${body.errmsg ?? ''}`);
    }
  }

  /**
   * `subscribeMessage.send`: one subscribe message to `openid`, using one of the user's one-time
   * grants for the template. The outcome says what the caller should do next: `refused` (43101,
   * the user has no grant or turned the template off) and `invalid` (47003, a field WeChat rejects)
   * are final; `failed` (a timeout, a network or server error) may be retried.
   */
  async sendSubscribeMessage(
    message: { openid: string; templateId: string; page: string; data: Record<string, string> },
    timeoutMs = 5000,
  ): Promise<SubscribeSendOutcome> {
    for (let attempt = 0; ; attempt++) {
      let token: string;
      try {
        token = await this.getAccessToken();
      } catch (error) {
        return { result: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
      let body: WechatErrorBody;
      try {
        const response = await fetch(
          `${this.baseUrl}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              touser: message.openid,
              template_id: message.templateId,
              page: message.page,
              miniprogram_state: 'formal',
              lang: 'zh_CN',
              data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
            }),
            signal: AbortSignal.timeout(timeoutMs),
          },
        );
        if (!response.ok) return { result: 'failed', error: `HTTP ${response.status}` };
        body = (await response.json()) as WechatErrorBody;
      } catch (error) {
        return { result: 'failed', error: error instanceof Error ? error.message : 'request failed' };
      }
      const code = body.errcode ?? 0;
      if (code === 0) return { result: 'sent' };
      if (INVALID_TOKEN_ERRORS.has(code) && attempt === 0) {
        this.accessToken = null;
        continue;
      }
      const error = `WeChat error ${code}: ${body.errmsg ?? ''}`.trim();
      if (code === 43101) return { result: 'refused', error };
      if (code === 47003 || code === 40037) return { result: 'invalid', error };
      return { result: 'failed', error };
    }
  }

  private async getAccessToken(): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt > Date.now()) return this.accessToken.value;
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.appId,
      secret: this.appSecret,
    });
    const body = await this.call<{ access_token?: string; expires_in?: number }>(`/cgi-bin/token?${query}`);
    if (!body.access_token) throw this.unavailable('no access token');
    // Refresh five minutes early so a token never expires in flight.
    const lifetimeMs = Math.max((body.expires_in ?? 7200) - 300, 60) * 1000;
    this.accessToken = { value: body.access_token, expiresAt: Date.now() + lifetimeMs };
    return body.access_token;
  }

  private async call<T>(path: string, jsonBody?: unknown): Promise<T & WechatErrorBody> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: jsonBody === undefined ? 'GET' : 'POST',
        headers: jsonBody === undefined ? undefined : { 'content-type': 'application/json' },
        body: jsonBody === undefined ? undefined : JSON.stringify(jsonBody),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : 'request failed');
    }
    if (!response.ok) throw this.unavailable(`HTTP ${response.status}`);
    const body = (await response.json()) as T & WechatErrorBody;
    if (body.errcode) {
      if (INVALID_CODE_ERRORS.has(body.errcode)) {
        throw new DomainError(ErrorCode.WECHAT_CODE_INVALID, 'The WeChat code is invalid or already used.', [
          { field: 'code', message: `WeChat error ${body.errcode}: ${body.errmsg ?? ''}`.trim() },
        ]);
      }
      if (INVALID_TOKEN_ERRORS.has(body.errcode)) throw new InvalidAccessToken();
      throw this.unavailable(`WeChat error ${body.errcode}: ${body.errmsg ?? ''}`);
    }
    return body;
  }

  private unavailable(reason: string): DomainError {
    return new DomainError(ErrorCode.WECHAT_UNAVAILABLE, `WeChat could not be reached: ${reason}`);
  }
}

class InvalidAccessToken extends Error {}

export type SubscribeSendOutcome =
  { result: 'sent' } | { result: 'refused' | 'invalid' | 'failed'; error: string };

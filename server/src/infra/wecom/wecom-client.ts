import { ErrorCode } from '@lensloop/shared';
import { DomainError } from '../../common/domain-error';

export interface WecomSettings {
  corpId: string;
  secret: string;
  /** Callback token and EncodingAESKey (43 characters) set in the WeCom admin console. */
  token: string;
  encodingAesKey: string;
  apiBaseUrl: string;
}

interface WecomBody {
  errcode?: number;
  errmsg?: string;
}

const INVALID_TOKEN_ERRORS = new Set([40014, 42001]);

/**
 * Client of WeCom's server API (external contacts). A failure throws, so the outbox handler that
 * called it is retried with backoff: WeCom being down loses nothing.
 */
export class WecomClient {
  private accessToken: { value: string; expiresAt: number } | null = null;

  constructor(private readonly settings: WecomSettings) {}

  addContactWay(userid: string, state: string): Promise<{ config_id: string; qr_code: string }> {
    return this.post('/cgi-bin/externalcontact/add_contact_way', {
      type: 1,
      scene: 2,
      user: [userid],
      state,
      skip_verify: true,
    });
  }

  /**
   * `externalcontact/get`: the contact's WeChat unionid (given when the corp is bound to the same
   * open platform account as the mini-program, null otherwise), and the corp tags (type 1) each
   * staff member who added them has put on them.
   */
  async getExternalContact(
    externalUserid: string,
  ): Promise<{ unionid: string | null; followUsers: { userid: string; tagNames: string[] }[] }> {
    const token = await this.token();
    const query = new URLSearchParams({ access_token: token, external_userid: externalUserid });
    const body = await this.call<{
      external_contact?: { unionid?: string };
      follow_user?: { userid: string; tags?: { tag_name?: string; type?: number }[] }[];
    }>(`/cgi-bin/externalcontact/get?${query}`);
    return {
      unionid: body.external_contact?.unionid || null,
      followUsers: (body.follow_user ?? []).map((follow) => ({
        userid: follow.userid,
        tagNames: (follow.tags ?? [])
          .filter((tag) => tag.type === 1 && typeof tag.tag_name === 'string')
          .map((tag) => tag.tag_name as string),
      })),
    };
  }

  /** The corp tag library (`get_corp_tag_list`): every tag's id and name. */
  async corpTags(): Promise<{ id: string; name: string }[]> {
    const body = await this.post<{
      tag_group?: { tag?: { id: string; name: string; deleted?: boolean }[] }[];
    }>('/cgi-bin/externalcontact/get_corp_tag_list', {});
    return (body.tag_group ?? []).flatMap((group) =>
      (group.tag ?? []).filter((tag) => !tag.deleted).map(({ id, name }) => ({ id, name })),
    );
  }

  /** Adds corp tags to the library in `groupName` (`add_corp_tag`); answers their ids. */
  async addCorpTags(groupName: string, names: string[]): Promise<{ id: string; name: string }[]> {
    const body = await this.post<{ tag_group?: { tag?: { id: string; name: string }[] } }>(
      '/cgi-bin/externalcontact/add_corp_tag',
      { group_name: groupName, tag: names.map((name) => ({ name })) },
    );
    return (body.tag_group?.tag ?? []).map(({ id, name }) => ({ id, name }));
  }

  /** The welcome message of a new contact: text and a mini-program card (its welcome coupon). */
  async sendWelcomeMsg(
    welcomeCode: string,
    text: string,
    card: { title: string; page: string; appid: string } | null,
  ): Promise<void> {
    await this.post('/cgi-bin/externalcontact/send_welcome_msg', {
      welcome_code: welcomeCode,
      text: { content: text },
      attachments: card
        ? [{ msgtype: 'miniprogram', miniprogram: { ...card, pic_media_id: 'MEDIA_ID' } }]
        : [],
    });
  }

  /** Moves external contacts to another staff member (`resigned` for a departed one). */
  async transferCustomers(
    handover: string,
    takeover: string,
    externalUserids: string[],
    resigned: boolean,
  ): Promise<void> {
    await this.post(`/cgi-bin/externalcontact/${resigned ? 'resigned/' : ''}transfer_customer`, {
      handover_userid: handover,
      takeover_userid: takeover,
      external_userid: externalUserids,
    });
  }

  transferResult(
    handover: string,
    takeover: string,
    resigned: boolean,
  ): Promise<{ customer?: { external_userid: string; status: number }[] }> {
    return this.post(`/cgi-bin/externalcontact/${resigned ? 'resigned/' : ''}transfer_result`, {
      handover_userid: handover,
      takeover_userid: takeover,
    });
  }

  async markTag(userid: string, externalUserid: string, add: string[], remove: string[]): Promise<void> {
    await this.post('/cgi-bin/externalcontact/mark_tag', {
      userid,
      external_userid: externalUserid,
      add_tag: add,
      remove_tag: remove,
    });
  }

  private async token(): Promise<string> {
    if (this.accessToken && this.accessToken.expiresAt > Date.now()) return this.accessToken.value;
    const query = new URLSearchParams({ corpid: this.settings.corpId, corpsecret: this.settings.secret });
    const body = await this.call<{ access_token?: string; expires_in?: number }>(
      `/cgi-bin/gettoken?${query}`,
    );
    if (!body.access_token) throw this.unavailable('no access token');
    const lifetimeMs = Math.max((body.expires_in ?? 7200) - 300, 60) * 1000;
    this.accessToken = { value: body.access_token, expiresAt: Date.now() + lifetimeMs };
    return body.access_token;
  }

  private async post<T>(path: string, json: unknown): Promise<T & WecomBody> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.token();
      try {
        return await this.call<T>(`${path}?access_token=${encodeURIComponent(token)}`, json);
      } catch (error) {
        if (error instanceof InvalidToken && attempt === 0) {
          this.accessToken = null;
          continue;
        }
        throw error instanceof InvalidToken ? this.unavailable('access token rejected') : error;
      }
    }
  }

  private async call<T>(path: string, json?: unknown): Promise<T & WecomBody> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiBaseUrl}${path}`, {
        method: json === undefined ? 'GET' : 'POST',
        headers: json === undefined ? undefined : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(5000),
      });
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : 'request failed');
    }
    if (!response.ok) throw this.unavailable(`HTTP ${response.status}`);
    const body = (await response.json()) as T & WecomBody;
    if (body.errcode) {
      if (INVALID_TOKEN_ERRORS.has(body.errcode)) throw new InvalidToken();
      throw this.unavailable(`WeCom error ${body.errcode}: ${body.errmsg ?? ''}`);
    }
    return body;
  }

  private unavailable(reason: string): DomainError {
    return new DomainError(ErrorCode.WECHAT_UNAVAILABLE, `WeCom could not be reached: ${reason}`);
  }
}

class InvalidToken extends Error {}

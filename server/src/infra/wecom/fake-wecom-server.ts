import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sealCallback, toXml, WecomCrypto } from './wecom-crypto';

export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  /** The callback token and EncodingAESKey the app is configured with, to sign callbacks. */
  token: string;
  encodingAesKey: string;
  port?: number;
}

export interface FakeWecomWelcome {
  welcomeCode: string;
  externalUserid: string;
  text: string | null;
  miniprogram: { title: string; page: string; appid: string } | null;
  sentAt: number;
}

export interface FakeWecomServer {
  baseUrl: string;
  /** Welcome messages accepted by send_welcome_msg, oldest first. */
  welcomes: FakeWecomWelcome[];
  /** Customer transfers asked for (`resigned` for departed staff). */
  transfers: { handover: string; takeover: string; externalUserids: string[]; resigned: boolean }[];
  /** mark_tag calls accepted (tag ids), oldest first. */
  tags: { userid: string; externalUserid: string; add: string[]; remove: string[] }[];
  /** The corp tag library: tag id → name. */
  corpTags: Map<string, string>;
  /** The corp tag names a staff member (`userid`) has on an external contact. */
  contactTagNames(userid: string, externalUserid: string): string[];
  /** While true every API call answers WeCom's "system busy" (-1). */
  down: boolean;
  /**
   * A customer adds `userid` through a contact-way code (`state`): the fake makes the external
   * contact and POSTs the signed, encrypted add_external_contact callback to `callbackUrl`.
   */
  addContact(input: {
    callbackUrl: string;
    userid: string;
    state?: string;
    unionid?: string;
  }): Promise<{ externalUserid: string; welcomeCode: string; status: number; body: string }>;
  /**
   * The staff member `userid` edits the contact's tags in the WeCom app (names; unknown ones are
   * added to the library): the fake POSTs the edit_external_contact callback.
   */
  editTags(input: {
    callbackUrl: string;
    userid: string;
    externalUserid: string;
    add?: string[];
    remove?: string[];
  }): Promise<{ status: number; body: string }>;
  /** POSTs any event to the callback URL, signed and encrypted as WeCom does. */
  sendCallback(
    callbackUrl: string,
    fields: Record<string, string | number>,
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

/** A welcome code may be used once, within 20 seconds of the add event. */
const WELCOME_WINDOW_MS = 20_000;

function send(response: ServerResponse, body: object): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A local stand-in for qyapi.weixin.qq.com (external-contact API) for development and tests:
 * access token, contact-way codes, send_welcome_msg with its 20-second window, customer transfer
 * (on the job and resigned) with transfer_result, the corp tag library (add_corp_tag,
 * get_corp_tag_list) and mark_tag, each contact's tags in externalcontact/get; and a sender of
 * callbacks (a staff member editing a contact's tags among them) signed and
 * encrypted exactly like WeCom's.
 */
export async function startFakeWecomServer(options: FakeWecomOptions): Promise<FakeWecomServer> {
  const crypto = new WecomCrypto(options.token, options.encodingAesKey, options.corpId);
  const tokens = new Set<string>();
  const welcomeCodes = new Map<string, { externalUserid: string; issuedAt: number; used: boolean }>();
  const contactWays = new Map<string, { userid: string; state: string }>();
  const transferStatus = new Map<string, number>();
  const contacts = new Map<string, { unionid: string | null; userid: string }>();
  const id = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
  const TAG_GROUP_ID = 'etgLensLoop';
  /** `${userid}:${externalUserid}` → tag ids. */
  const marked = new Map<string, Set<string>>();
  const markedOf = (userid: string, externalUserid: string) => {
    const key = `${userid}:${externalUserid}`;
    if (!marked.has(key)) marked.set(key, new Set());
    return marked.get(key) as Set<string>;
  };
  const tagIdNamed = (name: string) => [...fake.corpTags].find(([, tagName]) => tagName === name)?.[0];

  const fake: FakeWecomServer = {
    baseUrl: '',
    welcomes: [],
    transfers: [],
    tags: [],
    corpTags: new Map(),
    contactTagNames: (userid, externalUserid) =>
      [...markedOf(userid, externalUserid)].map((tagId) => fake.corpTags.get(tagId) as string).sort(),
    down: false,
    async addContact({ callbackUrl, userid, state, unionid }) {
      const externalUserid = id('wm');
      const welcomeCode = id('wc');
      welcomeCodes.set(welcomeCode, { externalUserid, issuedAt: Date.now(), used: false });
      const fields: Record<string, string | number> = {
        ToUserName: options.corpId,
        FromUserName: 'sys',
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'change_external_contact',
        ChangeType: 'add_external_contact',
        UserID: userid,
        ExternalUserID: externalUserid,
        WelcomeCode: welcomeCode,
        ...(state ? { State: state } : {}),
      };
      contacts.set(externalUserid, { unionid: unionid ?? null, userid });
      const answer = await fake.sendCallback(callbackUrl, fields);
      return { externalUserid, welcomeCode, ...answer };
    },
    async editTags({ callbackUrl, userid, externalUserid, add = [], remove = [] }) {
      const tags = markedOf(userid, externalUserid);
      for (const name of add) {
        let tagId = tagIdNamed(name);
        if (!tagId) {
          tagId = id('et');
          fake.corpTags.set(tagId, name);
        }
        tags.add(tagId);
      }
      for (const name of remove) tags.delete(tagIdNamed(name) ?? '');
      return fake.sendCallback(callbackUrl, {
        ToUserName: options.corpId,
        FromUserName: 'sys',
        CreateTime: Math.floor(Date.now() / 1000),
        MsgType: 'event',
        Event: 'change_external_contact',
        ChangeType: 'edit_external_contact',
        UserID: userid,
        ExternalUserID: externalUserid,
      });
    },
    async sendCallback(callbackUrl, fields) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const sealed = sealCallback(crypto, toXml(fields), options.corpId, timestamp, id('n'));
      const url = `${callbackUrl}?${new URLSearchParams(sealed.query)}`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: sealed.body,
      });
      return { status: response.status, body: await response.text() };
    },
    close: async () => undefined,
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake.wecom');
    void (async () => {
      const body = await readJson(request);
      if (fake.down) return send(response, { errcode: -1, errmsg: 'system busy' });
      if (url.pathname === '/cgi-bin/gettoken') {
        if (
          url.searchParams.get('corpid') !== options.corpId ||
          url.searchParams.get('corpsecret') !== options.secret
        ) {
          return send(response, { errcode: 40001, errmsg: 'invalid credential' });
        }
        const token = randomBytes(24).toString('hex');
        tokens.add(token);
        return send(response, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
      }
      if (!tokens.has(url.searchParams.get('access_token') ?? '')) {
        return send(response, { errcode: 40014, errmsg: 'invalid access_token' });
      }
      if (url.pathname === '/cgi-bin/externalcontact/get') {
        const external = url.searchParams.get('external_userid') ?? '';
        const contact = contacts.get(external);
        if (!contact) return send(response, { errcode: 84061, errmsg: 'not external contact' });
        return send(response, {
          errcode: 0,
          errmsg: 'ok',
          external_contact: {
            external_userid: external,
            name: '微信用户',
            type: 1,
            ...(contact.unionid ? { unionid: contact.unionid } : {}),
          },
          follow_user: [
            {
              userid: contact.userid,
              tags: [...markedOf(contact.userid, external)].map((tagId) => ({
                group_name: 'LensLoop',
                tag_name: fake.corpTags.get(tagId),
                tag_id: tagId,
                type: 1,
              })),
            },
          ],
        });
      }
      if (request.method !== 'POST') return send(response, { errcode: 43002, errmsg: 'require POST method' });
      switch (url.pathname) {
        case '/cgi-bin/externalcontact/add_contact_way': {
          const users = Array.isArray(body.user) ? (body.user as unknown[]) : [];
          const state = typeof body.state === 'string' ? body.state : '';
          if (users.length !== 1 || typeof users[0] !== 'string' || state.length > 30) {
            return send(response, { errcode: 40058, errmsg: 'invalid parameter' });
          }
          const configId = id('cw');
          contactWays.set(configId, { userid: users[0], state });
          return send(response, {
            errcode: 0,
            errmsg: 'ok',
            config_id: configId,
            qr_code: `https://wework.qpic.cn/fake/${configId}.png`,
          });
        }
        case '/cgi-bin/externalcontact/send_welcome_msg': {
          const code = typeof body.welcome_code === 'string' ? body.welcome_code : '';
          const issued = welcomeCodes.get(code);
          if (!issued || issued.used || Date.now() - issued.issuedAt > WELCOME_WINDOW_MS) {
            return send(response, { errcode: 41051, errmsg: 'invalid welcome_code' });
          }
          issued.used = true;
          const text = (body.text as { content?: string } | undefined)?.content ?? null;
          const attachments = Array.isArray(body.attachments)
            ? (body.attachments as Record<string, unknown>[])
            : [];
          const card = attachments.find((attachment) => attachment.msgtype === 'miniprogram');
          fake.welcomes.push({
            welcomeCode: code,
            externalUserid: issued.externalUserid,
            text,
            miniprogram: (card?.miniprogram as FakeWecomWelcome['miniprogram']) ?? null,
            sentAt: Date.now(),
          });
          return send(response, { errcode: 0, errmsg: 'ok' });
        }
        case '/cgi-bin/externalcontact/transfer_customer':
        case '/cgi-bin/externalcontact/resigned/transfer_customer': {
          const externalUserids = Array.isArray(body.external_userid)
            ? (body.external_userid as string[])
            : [];
          fake.transfers.push({
            handover: String(body.handover_userid ?? ''),
            takeover: String(body.takeover_userid ?? ''),
            externalUserids,
            resigned: url.pathname.includes('resigned'),
          });
          // 2: waiting for the customer to accept (on-the-job) — both finish as 1 (done) on the next poll.
          for (const external of externalUserids) transferStatus.set(external, 2);
          return send(response, {
            errcode: 0,
            errmsg: 'ok',
            customer: externalUserids.map((external) => ({ external_userid: external, errcode: 0 })),
          });
        }
        case '/cgi-bin/externalcontact/transfer_result':
        case '/cgi-bin/externalcontact/resigned/transfer_result': {
          const asked = fake.transfers.filter(
            (transfer) =>
              transfer.handover === body.handover_userid && transfer.takeover === body.takeover_userid,
          );
          const customers = asked.flatMap((transfer) => transfer.externalUserids);
          const answer = customers.map((external) => ({
            external_userid: external,
            status: transferStatus.get(external) ?? 1,
          }));
          for (const external of customers) transferStatus.set(external, 1);
          // Reported done: from now on the contact is the takeover's (their tags go with them).
          for (const { external_userid: external } of answer.filter((entry) => entry.status === 1)) {
            const contact = contacts.get(external);
            if (contact && contact.userid !== body.takeover_userid) {
              const takeover = String(body.takeover_userid);
              for (const tagId of markedOf(contact.userid, external)) markedOf(takeover, external).add(tagId);
              marked.delete(`${contact.userid}:${external}`);
              contact.userid = takeover;
            }
          }
          return send(response, { errcode: 0, errmsg: 'ok', customer: answer });
        }
        case '/cgi-bin/externalcontact/add_corp_tag': {
          const names = Array.isArray(body.tag)
            ? (body.tag as { name?: unknown }[]).map((tag) => tag.name)
            : [];
          if (!names.length || names.some((name) => typeof name !== 'string' || !name || name.length > 30)) {
            return send(response, { errcode: 40058, errmsg: 'invalid parameter' });
          }
          if (names.some((name) => tagIdNamed(name as string))) {
            return send(response, { errcode: 40071, errmsg: 'UserTag Name Already Exist' });
          }
          const created = (names as string[]).map((name) => {
            const tagId = id('et');
            fake.corpTags.set(tagId, name);
            return { id: tagId, name, create_time: Math.floor(Date.now() / 1000), order: 0, deleted: false };
          });
          return send(response, {
            errcode: 0,
            errmsg: 'ok',
            tag_group: { group_id: TAG_GROUP_ID, group_name: body.group_name ?? 'LensLoop', tag: created },
          });
        }
        case '/cgi-bin/externalcontact/get_corp_tag_list': {
          return send(response, {
            errcode: 0,
            errmsg: 'ok',
            tag_group: [
              {
                group_id: TAG_GROUP_ID,
                group_name: 'LensLoop',
                tag: [...fake.corpTags].map(([tagId, name]) => ({
                  id: tagId,
                  name,
                  order: 0,
                  deleted: false,
                })),
              },
            ],
          });
        }
        case '/cgi-bin/externalcontact/mark_tag': {
          const userid = String(body.userid ?? '');
          const external = String(body.external_userid ?? '');
          const add = Array.isArray(body.add_tag) ? (body.add_tag as string[]) : [];
          const remove = Array.isArray(body.remove_tag) ? (body.remove_tag as string[]) : [];
          if (contacts.get(external)?.userid !== userid) {
            return send(response, { errcode: 84061, errmsg: 'not external contact' });
          }
          if (
            add.length + remove.length === 0 ||
            [...add, ...remove].some((tagId) => !fake.corpTags.has(tagId))
          ) {
            return send(response, { errcode: 40068, errmsg: 'invalid tagid' });
          }
          const tags = markedOf(userid, external);
          for (const tagId of add) tags.add(tagId);
          for (const tagId of remove) tags.delete(tagId);
          fake.tags.push({ userid, externalUserid: external, add, remove });
          return send(response, { errcode: 0, errmsg: 'ok' });
        }
        default:
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return fake;
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import type { FakePayOptions } from './pay/dev-pay-credentials';
import { createFakeWechatPay } from './pay/fake-wechat-pay';
import { invalidSubscribeFields } from './subscribe-message-fields';

export interface FakeWechatOptions {
  appId: string;
  appSecret: string;
  /** 0 picks a free port. */
  port?: number;
  /** Plays WeChat Pay v3 for this merchant when given. */
  pay?: FakePayOptions;
}

/** What the fake does with the next subscribe-message sends (tests set it with `POST /fake/subscribe-messages/mode`). */
export type FakeSubscribeMode =
  /** Validate and accept. */
  | 'ok'
  /** 43101: the user refused (no grant, or turned the template off). */
  | 'refuse'
  /** 47003: as if a field were invalid. */
  | 'bad_field'
  /** Hold the request `holdMs` and drop the connection without an answer (a timeout). */
  | 'timeout'
  /** Record the send, then never answer (to kill the sender mid-delivery). */
  | 'hang';

/** A subscribe message the fake accepted (or, in `hang` mode, received). */
export interface FakeSubscribeMessage {
  touser: string;
  template_id: string;
  page: string | null;
  data: Record<string, string>;
  receivedAt: string;
}

export interface FakeWechatServer {
  baseUrl: string;
  close(): Promise<void>;
}

// `dev-<x>~<key>`: the WeChat user `dev-<x>` of another app, whose unionid comes from `<key>`
// (the same person in two apps of one open platform account), for the self-referral tests.
const DEV_CODE = /^(dev-[\w.-]{1,48})(?:~([\w.-]{1,32}))?$/;
/** wxacode scenes: at most 32 visible characters of this set. */
const SCENE = /^[\w!#$&'()*+,/:;=?@.~-]{1,32}$/;
const PAGE = /^[\w-]+(\/[\w-]+)*$/;
const DEV_PHONE_CODE = /^dev-phone-(1\d{10})$/;

function send(response: ServerResponse, body: object): void {
  // WeChat answers errors with HTTP 200 and an errcode in the body.
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * A local stand-in for api.weixin.qq.com speaking the same protocol, for development and tests:
 * login code `dev-<x>` gives openid `dev-<x>` (with a unionid stable per openid), phone code
 * `dev-phone-<11 digits>` gives that number; anything else gets WeChat's error body. With `pay`
 * it also plays WeChat Pay v3 (see fake-wechat-pay.ts).
 */
export async function startFakeWechatServer(options: FakeWechatOptions): Promise<FakeWechatServer> {
  const accessTokens = new Set<string>();
  const rid = () => randomBytes(6).toString('hex');
  const pay = options.pay ? createFakeWechatPay(options.pay) : null;
  const credentialsValid = (query: URLSearchParams) =>
    query.get('appid') === options.appId && query.get('secret') === options.appSecret;
  /** What WeChat answers a server-to-server call that is not a POST with a live access token. */
  const serviceCallRefusal = (method: string | undefined, query: URLSearchParams) => {
    if (method !== 'POST') return { errcode: 43002, errmsg: 'require POST method' };
    if (accessTokens.has(query.get('access_token') ?? '')) return null;
    return { errcode: 40001, errmsg: `invalid credential, access_token is invalid, rid: ${rid()}` };
  };

  const subscribe = {
    mode: 'ok' as FakeSubscribeMode,
    /** How many sends the mode applies to before it returns to `ok` (null: until changed). */
    times: null as number | null,
    holdMs: 1000,
    messages: [] as FakeSubscribeMessage[],
    attempts: 0,
  };
  const hanging = new Set<ServerResponse>();
  const nextSubscribeMode = (): FakeSubscribeMode => {
    const mode = subscribe.mode;
    if (subscribe.times !== null && --subscribe.times <= 0) {
      subscribe.mode = 'ok';
      subscribe.times = null;
    }
    return mode;
  };

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake.wechat');
    const query = url.searchParams;
    void (async () => {
      const rawBody = await readBody(request);
      if (pay && (await pay.handle(request, response, url, rawBody))) return;
      switch (url.pathname) {
        case '/sns/jscode2session': {
          if (!credentialsValid(query))
            return send(response, { errcode: 40013, errmsg: `invalid appid rid: ${rid()}` });
          const match = DEV_CODE.exec(query.get('js_code') ?? '');
          if (!match) return send(response, { errcode: 40029, errmsg: `invalid code, rid: ${rid()}` });
          const [, openid, unionKey] = match;
          const unionSeed = unionKey === undefined ? openid : `union-key:${unionKey}`;
          const unionid = `union-${createHash('sha256').update(unionSeed).digest('hex').slice(0, 24)}`;
          return send(response, { openid, unionid, session_key: randomBytes(16).toString('base64') });
        }
        case '/cgi-bin/token': {
          if (!credentialsValid(query))
            return send(response, { errcode: 40013, errmsg: `invalid appid rid: ${rid()}` });
          const token = randomBytes(24).toString('hex');
          accessTokens.add(token);
          return send(response, { access_token: token, expires_in: 7200 });
        }
        case '/wxa/business/getuserphonenumber': {
          const refusal = serviceCallRefusal(request.method, query);
          if (refusal) return send(response, refusal);
          const body = parseJson(rawBody);
          const match = DEV_PHONE_CODE.exec(typeof body.code === 'string' ? body.code : '');
          if (!match) return send(response, { errcode: 40029, errmsg: `invalid code, rid: ${rid()}` });
          return send(response, {
            errcode: 0,
            errmsg: 'ok',
            phone_info: {
              phoneNumber: match[1],
              purePhoneNumber: match[1],
              countryCode: '86',
              watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appId },
            },
          });
        }
        case '/wxa/getwxacodeunlimit': {
          // Answers the image bytes, or WeChat's JSON error body.
          const refusal = serviceCallRefusal(request.method, query);
          if (refusal) return send(response, refusal);
          const body = parseJson(rawBody);
          const scene = typeof body.scene === 'string' ? body.scene : '';
          if (!SCENE.test(scene))
            return send(response, { errcode: 40169, errmsg: `invalid length for scene, rid: ${rid()}` });
          if (body.page !== undefined && (typeof body.page !== 'string' || !PAGE.test(body.page)))
            return send(response, { errcode: 41030, errmsg: `invalid page rid: ${rid()}` });
          response.writeHead(200, { 'content-type': 'image/png' });
          response.end(fakeWxacode(scene, typeof body.page === 'string' ? body.page : ''));
          return;
        }
        case '/cgi-bin/message/subscribe/send': {
          const refusal = serviceCallRefusal(request.method, query);
          if (refusal) return send(response, refusal);
          subscribe.attempts++;
          const mode = nextSubscribeMode();
          if (mode === 'timeout') {
            setTimeout(() => response.destroy(), subscribe.holdMs);
            return;
          }
          const body = parseJson(rawBody);
          const touser = typeof body.touser === 'string' ? body.touser : '';
          if (!DEV_CODE.test(touser))
            return send(response, { errcode: 40003, errmsg: `invalid openid rid: ${rid()}` });
          const templateId = typeof body.template_id === 'string' ? body.template_id : '';
          if (!/^[\w-]{1,64}$/.test(templateId))
            return send(response, { errcode: 40037, errmsg: `invalid template_id rid: ${rid()}` });
          if (mode === 'refuse')
            return send(response, { errcode: 43101, errmsg: `user refuse to accept the msg rid: ${rid()}` });
          const rawData = (body.data ?? {}) as Record<string, { value?: unknown }>;
          const data = Object.fromEntries(
            Object.entries(rawData).map(([key, field]) => [
              key,
              typeof field?.value === 'string' ? field.value : '',
            ]),
          );
          const invalid = mode === 'bad_field' ? Object.keys(data).slice(0, 1) : invalidSubscribeFields(data);
          if (invalid.length || !Object.keys(data).length) {
            const field = invalid[0] ?? 'data';
            return send(response, {
              errcode: 47003,
              errmsg: `argument invalid! data.${field}.value invalid rid: ${rid()}`,
            });
          }
          subscribe.messages.push({
            touser,
            template_id: templateId,
            page: typeof body.page === 'string' ? body.page : null,
            data,
            receivedAt: new Date().toISOString(),
          });
          if (mode === 'hang') {
            hanging.add(response);
            return;
          }
          return send(response, { errcode: 0, errmsg: 'ok', msgid: Date.now() });
        }
        // Test controls of the fake (not WeChat's): what it received, and how to answer next.
        case '/fake/subscribe-messages':
          return send(response, {
            messages: subscribe.messages,
            attempts: subscribe.attempts,
            mode: subscribe.mode,
          });
        case '/fake/subscribe-messages/mode': {
          const body = parseJson(rawBody);
          subscribe.mode = (body.mode as FakeSubscribeMode) ?? 'ok';
          subscribe.times = typeof body.times === 'number' ? body.times : null;
          if (typeof body.holdMs === 'number') subscribe.holdMs = body.holdMs;
          if (subscribe.mode === 'ok') {
            for (const held of hanging) held.destroy();
            hanging.clear();
          }
          return send(response, { mode: subscribe.mode, times: subscribe.times });
        }
        default:
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errcode: 404, errmsg: 'not found' }));
      }
    })();
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => {
      for (const held of hanging) held.destroy();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A stand-in for a mini-program code: a real greyscale PNG whose pattern comes from the scene,
 * with the scene and page in a `tEXt` chunk so tests can read back what was asked for.
 */
export function fakeWxacode(scene: string, page: string): Buffer {
  const modules = 21;
  const scale = 8;
  const size = modules * scale;
  const bits = createHash('sha256').update(`${scene}|${page}`).digest();
  const dark = (x: number, y: number) => {
    const finder = (fx: number, fy: number) => x >= fx && x < fx + 7 && y >= fy && y < fy + 7;
    if (finder(0, 0) || finder(14, 0) || finder(0, 14)) {
      const dx = x < 7 ? x : x - 14;
      const dy = y < 7 ? y : y - 14;
      return dx === 0 || dx === 6 || dy === 0 || dy === 6 || (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4);
    }
    const index = y * modules + x;
    return ((bits[index % bits.length] >> (index % 8)) & 1) === 1;
  };
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(size + 1);
    for (let px = 0; px < size; px++)
      row[px + 1] = dark(Math.floor(px / scale), Math.floor(py / scale)) ? 0 : 255;
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('tEXt', Buffer.from(`wxacode\0scene=${scene}&page=${page}`, 'latin1')),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakePayOptions } from './pay/dev-pay-credentials';
import { createFakeWechatPay } from './pay/fake-wechat-pay';

export interface FakeWechatOptions {
  appId: string;
  appSecret: string;
  /** 0 picks a free port. */
  port?: number;
  /** Plays WeChat Pay v3 for this merchant when given. */
  pay?: FakePayOptions;
}

export interface FakeWechatServer {
  baseUrl: string;
  close(): Promise<void>;
}

const DEV_CODE = /^dev-[\w.-]{1,48}$/;
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
          const code = query.get('js_code') ?? '';
          if (!DEV_CODE.test(code))
            return send(response, { errcode: 40029, errmsg: `invalid code, rid: ${rid()}` });
          const unionid = `union-${createHash('sha256').update(code).digest('hex').slice(0, 24)}`;
          return send(response, { openid: code, unionid, session_key: randomBytes(16).toString('base64') });
        }
        case '/cgi-bin/token': {
          if (!credentialsValid(query))
            return send(response, { errcode: 40013, errmsg: `invalid appid rid: ${rid()}` });
          const token = randomBytes(24).toString('hex');
          accessTokens.add(token);
          return send(response, { access_token: token, expires_in: 7200 });
        }
        case '/wxa/business/getuserphonenumber': {
          if (request.method !== 'POST')
            return send(response, { errcode: 43002, errmsg: 'require POST method' });
          if (!accessTokens.has(query.get('access_token') ?? '')) {
            return send(response, {
              errcode: 40001,
              errmsg: `invalid credential, access_token is invalid, rid: ${rid()}`,
            });
          }
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
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

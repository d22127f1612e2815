import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD } from '../../server/src/demo/demo-stores';
import { launchBrowser, waitForTaroPage } from './browser';
import { startTestServer, type TestServer } from './test-server';

/** A demo-seeded server and Chromium with one phone-sized page per person, each its own session. */
export interface H5Stage {
  server: TestServer;
  pages: Page[];
  /** Opens a route (`pages/me/index`, a query allowed) and waits until Taro shows it. */
  open(page: Page, route: string): Promise<void>;
  /** A customer logs in on the H5 login page with the dev code `dev-<name>` and lands on 我的. */
  loginCustomer(page: Page, name: string): Promise<void>;
  /** A demo staff member logs in on the staff login page (password of the demo). */
  loginStaff(page: Page, username: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startH5Stage(people: number, artifacts: string): Promise<H5Stage> {
  mkdirSync(artifacts, { recursive: true });
  const [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
  const contexts = await Promise.all(
    Array.from({ length: people }, () =>
      browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' }),
    ),
  );
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  const open = async (page: Page, route: string) => {
    await page.goto(`${server.baseUrl}/#/${route}`);
    await waitForTaroPage(page, route.split('?')[0]);
  };
  return {
    server,
    pages,
    open,
    loginCustomer: async (page, name) => {
      await open(page, 'pages/login/index');
      await page.getByRole('textbox', { name: '开发登录码' }).fill(`dev-${name}`);
      await page.getByRole('button', { name: '微信一键登录' }).click();
      await waitForTaroPage(page, 'pages/me/index');
    },
    loginStaff: async (page, username) => {
      await open(page, 'subpackages/staff/login/index');
      await page.getByRole('textbox', { name: '用户名' }).fill(username);
      await page.getByRole('textbox', { name: '密码' }).fill(DEMO_STAFF_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('staff-profile').waitFor();
    },
    stop: async () => {
      await Promise.all(contexts.map((context) => context.close()));
      await browser.close();
      await server.stop();
    },
  };
}

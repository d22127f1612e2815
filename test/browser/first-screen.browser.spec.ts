import { cpus, loadavg } from 'node:os';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, waitForTaroPage } from '../support/browser';
import { startTestServer, type TestServer } from '../support/test-server';

/** The budget for the H5 home page's first screen on loopback: a product card on screen. */
const FIRST_SCREEN_BUDGET_MS = 1_500;

/**
 * How much longer wall-clock work takes on this machine now than on a machine to itself: the
 * one-minute load average per core, at least 1. The browser, the server and the page share the
 * cores with whatever else runs (on a developer's machine, other test suites), and every phase of
 * the first screen here is CPU, not network. CI runs this suite alone, where this is about 1.
 */
function contention(): number {
  return Math.max(1, loadavg()[0] / cpus().length);
}
const COLD_RUNS = 3;

interface FirstScreen {
  /** From the navigation's start (performance.timeOrigin), in ms. */
  ttfb: number;
  domContentLoaded: number;
  /** The first featured product card laid out with a size. */
  firstCard: number;
  /** The first product picture drawn (its `<img>` complete), on the first card. */
  firstImage: number;
  /** Largest Contentful Paint as Chromium reports it. */
  lcp: number;
  requests: number;
  scriptKiB: number;
  totalKiB: number;
}

/**
 * Recorded in the page from its first script on: requestAnimationFrame looks for the first card
 * and its picture each frame; a PerformanceObserver keeps the latest LCP candidate.
 */
function watchFirstScreen(): void {
  const marks: Record<string, number> = {};
  (window as unknown as { firstScreen: Record<string, number> }).firstScreen = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.lcp = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const frame = () => {
    const card = document.querySelector('[data-testid="featured-products"] [role="link"]');
    if (card && marks.firstCard === undefined) {
      const box = card.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) marks.firstCard = performance.now();
    }
    const image = card?.querySelector('img');
    if (image && image.complete && image.naturalWidth > 0 && marks.firstImage === undefined) {
      marks.firstImage = performance.now();
    }
    if (marks.firstCard === undefined || marks.firstImage === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('H5 first screen in Chromium (loopback)', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer({ seed: true }), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.stop();
  });

  async function load(context: BrowserContext): Promise<FirstScreen> {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.baseUrl}/`);
    await page.waitForFunction(
      () => {
        const marks = (window as unknown as { firstScreen?: Record<string, number> }).firstScreen;
        return marks?.firstCard !== undefined && marks.firstImage !== undefined;
      },
      undefined,
      { timeout: 30_000 },
    );
    // LCP is final once the page has been idle for a moment.
    await page.waitForTimeout(300);
    return page.evaluate(() => {
      const marks = (window as unknown as { firstScreen: Record<string, number> }).firstScreen;
      const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const bytes = (entries: PerformanceResourceTiming[]) =>
        entries.reduce((sum, entry) => sum + entry.transferSize, navigation.transferSize) / 1024;
      return {
        ttfb: navigation.responseStart,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        firstCard: marks.firstCard,
        firstImage: marks.firstImage,
        lcp: marks.lcp ?? Number.NaN,
        requests: resources.length + 1,
        scriptKiB: bytes(resources.filter((entry) => entry.initiatorType === 'script')),
        totalKiB: bytes(resources),
      };
    });
  }

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      locale: 'zh-CN',
      geolocation: { latitude: 31.2352, longitude: 121.4747 },
      permissions: ['geolocation'],
    });
    await context.addInitScript(watchFirstScreen);
    contexts.push(context);
    return context;
  }

  it('should keep the content-hashed scripts and styles for good and revalidate index.html', async () => {
    const index = await fetch(`${server.baseUrl}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const assets = [...(await index.text()).matchAll(/(?:src|href)="\/?((?:js|css)\/[^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await fetch(`${server.baseUrl}/${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('should ask for the featured products again with their ETag and use its copy on 304', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.locator('[data-testid="featured-products"] [role="link"]').first().waitFor();
    await page.goto(`${server.baseUrl}/#/pages/products/index`);
    await waitForTaroPage(page, 'pages/products/index');
    const revalidated = page.waitForRequest((request) => request.url().includes('featured=true'));
    await page.goto(`${server.baseUrl}/#/pages/index/index`);
    const request = await revalidated;
    expect(request.headers()['if-none-match']).toMatch(/^"[\w-]{22}"$/);
    expect((await request.response())?.status()).toBe(304);
    // The page drew the copy the request layer kept (a 304 has no body to draw).
    await page.waitForTimeout(500);
    await page.locator('[data-testid="featured-products"] [role="link"]').first().waitFor();
    expect(await page.locator('[data-testid="featured-products"] [role="link"]').count()).toBe(6);
  });

  it(`should show the first product card within ${FIRST_SCREEN_BUDGET_MS} ms, cold and warm`, async () => {
    const factor = contention();
    const budget = FIRST_SCREEN_BUDGET_MS * factor;
    // One throwaway load first, so the server's first-request work (JIT, statement caches) is
    // not billed to the page.
    await load(await newContext());
    const cold: FirstScreen[] = [];
    for (let run = 0; run < COLD_RUNS; run += 1) cold.push(await load(await newContext()));
    const warmContext = contexts[contexts.length - 1];
    const warm = await load(warmContext);

    const row = (name: string, screen: FirstScreen) =>
      `| ${name} | ${screen.ttfb.toFixed(0)} | ${screen.domContentLoaded.toFixed(0)} | ` +
      `${screen.firstCard.toFixed(0)} | ${screen.firstImage.toFixed(0)} | ${screen.lcp.toFixed(0)} | ` +
      `${screen.requests} | ${screen.scriptKiB.toFixed(0)} | ${screen.totalKiB.toFixed(0)} |`;
    process.stdout.write(
      [
        '',
        `H5 first screen (home page, 390×844 @2×, loopback; load average ${loadavg()[0].toFixed(1)}), ms from navigation start:`,
        '| Load | TTFB | DOMContentLoaded | first card | first picture | LCP | requests | script KiB | total KiB |',
        '| ---- | ---: | ---------------: | ---------: | ------------: | --: | -------: | ---------: | --------: |',
        ...cold.map((screen, index) => row(`cold ${index + 1}`, screen)),
        row('warm (reload)', warm),
        `median cold first card: ${median(cold.map((screen) => screen.firstCard)).toFixed(0)} ms ` +
          `(budget ${FIRST_SCREEN_BUDGET_MS} ms` +
          (factor > 1 ? ` × ${factor.toFixed(2)} for a load average over the ${cpus().length} cores` : '') +
          ')',
        '',
      ].join('\n'),
    );

    expect(median(cold.map((screen) => screen.firstCard))).toBeLessThan(budget);
    expect(warm.firstCard).toBeLessThan(budget);
    for (const screen of [...cold, warm]) expect(screen.firstImage).toBeGreaterThanOrEqual(screen.firstCard);
  });
});

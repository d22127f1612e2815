import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium for the H5 build. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Waits until the Taro H5 page at `route` (e.g. `pages/me/index`) is the current page and has
 * finished sliding in. Taro keeps earlier pages in the DOM (hidden ones get `taro_page_shade`);
 * each page element's id is its route.
 */
export async function waitForTaroPage(page: Page, route: string): Promise<void> {
  await page.waitForURL((url) => url.hash.startsWith(`#/${route}`));
  await page.waitForFunction((path) => {
    const matching = Array.from(document.querySelectorAll('.taro_page')).filter(
      (element) => element.id === path || element.id.startsWith(`${path}?`),
    );
    const current = matching[matching.length - 1];
    return (
      current !== undefined &&
      current.classList.contains('taro_page_stationed') &&
      !current.classList.contains('taro_page_shade')
    );
  }, `/${route}`);
}

/** Waits until the element shows exactly `expected`. */
export async function expectVisibleText(
  locator: ReturnType<Page['getByTestId']>,
  expected: string,
): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(([element, text]) => element?.textContent?.trim() === text, [
      await locator.elementHandle(),
      expected,
    ] as const);
  expect((await locator.textContent())?.trim()).toBe(expected);
}

/** Waits until the element's attribute `name` is `value`. */
export async function expectAttribute(
  locator: ReturnType<Page['getByTestId']>,
  name: string,
  value: string,
): Promise<void> {
  await locator
    .page()
    .waitForFunction(([element, attribute, expected]) => element?.getAttribute(attribute) === expected, [
      await locator.elementHandle(),
      name,
      value,
    ] as const);
  expect(await locator.getAttribute(name)).toBe(value);
}

import type { Page } from 'playwright-core';

/** The smallest font size (CSS px) of any visible text on the Taro page on screen, and that text. */
export async function smallestVisibleText(page: Page): Promise<{ size: number; text: string }> {
  return page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll('.taro_page:not(.taro_page_shade)'));
    const root = pages[pages.length - 1] ?? document.body;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let smallest = { size: Infinity, text: '' };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      // Screen-reader-only text (.sr-only) is clipped to 1 px and never seen.
      if (!element || !text || element.closest('.sr-only') || element.getClientRects().length === 0) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < smallest.size) smallest = { size, text };
    }
    return smallest;
  });
}

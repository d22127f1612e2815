// Taro's H5 build draws buttons, links, tabs and choices as custom elements with an ARIA role but
// no tab stop, so a keyboard could neither reach nor press them (WCAG 2.1.1, 2.4.3).
const INTERACTIVE = ['button', 'link', 'tab', 'radio', 'checkbox', 'switch']
  .map((role) => `[role="${role}"]`)
  .join(',');

/** Makes every element with an interactive role focusable and pressable with Enter or Space. */
export function enableKeyboardAccess(document: Document): void {
  const addTabStops = () =>
    document
      .querySelectorAll(`:is(${INTERACTIVE}):not([tabindex])`)
      .forEach((element) => element.setAttribute('tabindex', '0'));
  new MutationObserver(addTabStops).observe(document.body, { childList: true, subtree: true });
  addTabStops();
  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (
      (event.key === 'Enter' || event.key === ' ') &&
      target instanceof HTMLElement &&
      target.matches(INTERACTIVE)
    ) {
      event.preventDefault();
      target.click();
    }
  });
}

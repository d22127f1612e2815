import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';

/** WCAG 2.0/2.1, levels A and AA (issue 17). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The only axe rules turned off, each with its reason. Everything else in WCAG 2 A/AA must pass.
 */
export const DISABLED_AXE_RULES: Record<string, string> = {};

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the Taro page on screen (earlier pages stay in the DOM,
 * hidden) and fails with a readable list of the violations.
 */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(
    async ([tags, disabled]) => {
      const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe;
      const shaded = Array.from(document.querySelectorAll('.taro_page_shade')).map((element) => [
        `[id="${element.id}"]`,
      ]);
      const result = (await axe.run(
        { include: [['body']], exclude: shaded },
        {
          runOnly: { type: 'tag', values: tags },
          rules: Object.fromEntries(disabled.map((rule) => [rule, { enabled: false }])),
          resultTypes: ['violations'],
        },
      )) as { violations: AxeViolation[] };
      return result.violations.map((violation) => ({
        id: violation.id,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
      }));
    },
    [WCAG_TAGS, Object.keys(DISABLED_AXE_RULES)] as const,
  );
  const report = violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.help}): ${node.target.join(' ')}\n    ${node.failureSummary ?? ''}`,
    ),
  );
  expect({ page: name, violations: report }).toEqual({ page: name, violations: [] });
}

/** A screenshot of the page in its current state, which must also pass axe. */
export async function auditedScreenshot(page: Page, path: string): Promise<void> {
  await expectNoAxeViolations(page, basename(path, '.png'));
  await page.screenshot({ path, fullPage: true });
}

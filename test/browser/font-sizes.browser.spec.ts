import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * No text below 14 px (issue 17), read from the built weapp styles: 750 rpx is the screen width, so
 * 28 rpx is 14 px on a 375 px phone. It runs with the browser e2e, after the builds.
 */
const WEAPP_BUILD = join(__dirname, '..', '..', 'miniprogram', 'dist', 'weapp');
const MIN_FONT_SIZE_RPX = 28;

/** The only declarations allowed below 14 px, by selector, each with its reason. */
const FONT_SIZE_EXCEPTIONS: Record<string, string> = {
  '.nut-loading .nut-loading-icon-box':
    'font-size 0 removes the gap around the spinner; there is no text in it',
  '.nut-searchbar-values': "the search field's frame; the input and its placeholder set their own 14 px",
  '.nut-searchbar-values .nut-icon': 'the magnifier glyph, an icon rather than text',
};

function builtStyles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return builtStyles(path);
    return entry.name.endsWith('.wxss') ? [readFileSync(path, 'utf8')] : [];
  });
}

interface Rule {
  selector: string;
  declarations: [string, string][];
}

function rules(css: string): Rule[] {
  return Array.from(css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g), (match) => ({
    selector: match[1].trim(),
    declarations: match[2]
      .split(';')
      .map((declaration) => declaration.split(':'))
      .filter((parts) => parts.length >= 2)
      .map(([name, ...value]) => [name.trim(), value.join(':').trim()] as [string, string]),
  }));
}

/** Replaces `var(--x, fallback)` by the app's value of --x, else the fallback. */
function resolve(value: string, variables: Map<string, string>): string {
  const resolved = value.replace(
    /var\((--[\w-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*))?\)/,
    (_, name: string, fallback = '') => variables.get(name) ?? fallback,
  );
  return resolved === value ? value : resolve(resolved, variables);
}

function rpx(size: string): number | null {
  const match = /^(-?[\d.]+)(rpx|px)?$/.exec(size.replace(/\s*!important$/, ''));
  if (!match) return null; // relative sizes (em, %, inherit) follow their parent
  return Number(match[1]) * (match[2] === 'px' ? 2 : 1);
}

describe('Built styles', () => {
  it('should set no font size below 14 px outside the documented exceptions', () => {
    const all = builtStyles(WEAPP_BUILD).flatMap(rules);
    expect(all.length).toBeGreaterThan(100);
    const variables = new Map(
      all.flatMap((rule) => rule.declarations.filter(([name]) => name.startsWith('--'))),
    );
    const tooSmall = all.flatMap((rule) =>
      rule.declarations
        .filter(([name]) => name === 'font-size')
        .map(([, value]) => ({ selector: rule.selector, size: resolve(value, variables) }))
        .filter(({ selector, size }) => {
          const value = rpx(size);
          return value !== null && value < MIN_FONT_SIZE_RPX && !(selector in FONT_SIZE_EXCEPTIONS);
        }),
    );
    expect(tooSmall).toEqual([]);
  });

  it("should draw the weapp's large-text mode on a page root marked .large-text: 18 px text, larger prices", () => {
    const all = builtStyles(WEAPP_BUILD).flatMap(rules);
    const sizeFor = (selector: string) =>
      all
        .filter((rule) => rule.selector.split(',').some((part) => part.trim() === selector))
        .flatMap((rule) => rule.declarations.filter(([name]) => name === 'font-size'))
        .map(([, value]) => rpx(value) ?? 0);
    // 36 rpx is 18 px on a 375 px phone.
    for (const selector of ['.large-text view', '.large-text text', '.large-text .nut-input-native']) {
      expect({ selector, sizes: sizeFor(selector) }).toEqual({ selector, sizes: [36] });
    }
    expect(Math.min(...sizeFor('.large-text .price-tag'))).toBeGreaterThan(36);
  });

  it('should give every weapp page a root that can carry the large-text mode', () => {
    const source = join(__dirname, '..', '..', 'miniprogram', 'src');
    const config = readFileSync(join(source, 'app.config.ts'), 'utf8');
    const mainPages = Array.from(config.matchAll(/'(pages\/[\w-]+\/index)'/g), (match) => match[1]);
    const subpackagePages = Array.from(
      config.matchAll(/root: '([\w/-]+)',\s*pages: \[([^\]]*)\]/g),
      ([, root, pages]) => Array.from(pages.matchAll(/'([\w/-]+)'/g), (page) => `${root}/${page[1]}`),
    ).flat();
    const pages = [...mainPages, ...subpackagePages];
    expect(pages.length).toBeGreaterThanOrEqual(17);
    // PageRoot marks the root itself; PageState wraps what it draws in one in the weapp.
    const unmarked = pages.filter((page) => {
      const text = readFileSync(join(source, `${page}.tsx`), 'utf8');
      return !/<PageRoot\b|<PageState\b/.test(text);
    });
    expect(unmarked).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const FIXTURE_PATH = 'miniprogram/src/pages/fixture/index.tsx';

/** Rule ids ESLint reports for `source` as if it were a mini-program page. */
function lintRules(source: string): string[] {
  // ESLint's flat config is ESM, which jest's CommonJS loader cannot import: run the CLI instead.
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--stdin',
      '--stdin-filename',
      FIXTURE_PATH,
      '--format',
      'json',
    ],
    { cwd: ROOT, input: source, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null }[] }[];
  return report.messages.map((message) => message.ruleId ?? 'parse-error');
}

/** A page whose JSX has `child` before an element. */
function pageWith(child: string): string {
  return [
    "import { View } from '@tarojs/components';",
    '',
    'export default function Fixture() {',
    '  return (',
    '    <View>',
    `      ${child}`,
    '      <View />',
    '    </View>',
    '  );',
    '}',
    '',
  ].join('\n');
}

/** A hook loading an order by `id` with the given deps. */
function pageDataWith(deps: string): string {
  return [
    "import { usePageData } from '../../hooks/use-page-data';",
    "import { getOrder } from '../../services/orders';",
    '',
    'export function useFixture(id: number) {',
    `  return usePageData(() => getOrder(id), ${deps});`,
    '}',
    '',
  ].join('\n');
}

describe('ESLint React rules on the mini-program', () => {
  it('should fail a // comment written as JSX text, which the page would render', () => {
    expect(lintRules(pageWith('// a comment that is really text'))).toContain(
      'react/jsx-no-comment-textnodes',
    );
  });

  it('should fail a page-data load that uses a value missing from its deps', () => {
    expect(lintRules(pageDataWith('[]'))).toEqual(['react-hooks/exhaustive-deps']);
  });

  it('should pass a {/* comment */} and complete deps', () => {
    expect(lintRules(pageWith('{/* a real comment */}'))).toEqual([]);
    expect(lintRules(pageDataWith('[id]'))).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Rule ids ESLint reports for `source` as if it were the mini-program file `path`. */
function lintRules(path: string, source: string): string[] {
  // ESLint's flat config is ESM, which jest's CommonJS loader cannot import: run the CLI instead.
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--stdin',
      '--stdin-filename',
      path,
      '--format',
      'json',
    ],
    { cwd: ROOT, input: source, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null }[] }[];
  return report.messages.map((message) => message.ruleId ?? 'parse-error');
}

describe('ESLint React rules on the mini-program', () => {
  it('should fail a // comment written as JSX text, which the page would render', () => {
    const rules = lintRules(
      'miniprogram/src/pages/fixture/index.tsx',
      [
        "import { View } from '@tarojs/components';",
        '',
        'export default function Fixture() {',
        '  return (',
        '    <View>',
        '      // a comment that is really text',
        '      <View />',
        '    </View>',
        '  );',
        '}',
        '',
      ].join('\n'),
    );
    expect(rules).toContain('react/jsx-no-comment-textnodes');
  });

  it('should fail a page-data load that uses a value missing from its deps', () => {
    const rules = lintRules(
      'miniprogram/src/pages/fixture/index.tsx',
      [
        "import { usePageData } from '../../hooks/use-page-data';",
        "import { getOrder } from '../../services/orders';",
        '',
        'export function useFixture(id: number) {',
        '  return usePageData(() => getOrder(id), []);',
        '}',
        '',
      ].join('\n'),
    );
    expect(rules).toEqual(['react-hooks/exhaustive-deps']);
  });

  it('should pass the same code with a {/* comment */} and complete deps', () => {
    const rules = lintRules(
      'miniprogram/src/pages/fixture/index.tsx',
      [
        "import { View } from '@tarojs/components';",
        '',
        'export default function Fixture() {',
        '  return (',
        '    <View>',
        '      {/* a real comment */}',
        '      <View />',
        '    </View>',
        '  );',
        '}',
        '',
      ].join('\n'),
    );
    expect(rules).toEqual([]);
  });
});

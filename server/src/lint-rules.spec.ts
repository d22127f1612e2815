import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../..');

interface LintCase {
  code: string;
  /** Repo-relative: the config's `files` globs decide which rules apply. */
  filePath: string;
}

// ESLint loads eslint.config.mjs with a dynamic import(), which jest's CommonJS VM cannot run,
// so ESLint's Node API runs in a plain Node process (one for all cases) at the repository root.
const LINT_SCRIPT = `
  import { ESLint } from 'eslint';
  const cases = JSON.parse(await new Response(process.stdin).text());
  const eslint = new ESLint({ cwd: process.cwd() });
  const ruleIds = [];
  for (const { code, filePath } of cases) {
    const [result] = await eslint.lintText(code, { filePath });
    ruleIds.push(result.messages.map((message) => message.ruleId));
  }
  process.stdout.write(JSON.stringify(ruleIds));
`;

/** The rule ids ESLint reports for each case, as if each code were the file at its path. */
function ruleIdsFor(cases: LintCase[]): (string | null)[][] {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT], {
    cwd: repoRoot,
    input: JSON.stringify(cases),
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

function importing(from: string, filePath: string): LintCase {
  return { code: `import { Imported } from '${from}';\nexport const value = Imported;\n`, filePath };
}

describe('the repository lint rules', () => {
  const cases: [string, LintCase, string[]][] = [
    [
      "should refuse another module's entity",
      importing('../catalog/entities/sku.entity', 'server/src/modules/orders/orders.fixture.ts'),
      ['no-restricted-imports'],
    ],
    [
      "should refuse another module's entity from inside the module's entities",
      importing('../../catalog/entities/sku.entity', 'server/src/modules/orders/entities/order.fixture.ts'),
      ['no-restricted-imports'],
    ],
    [
      "should refuse the orders' entity in payments (payments go through OrderBillingService)",
      importing('../orders/entities/order.entity', 'server/src/modules/payments/payments.fixture.ts'),
      ['no-restricted-imports'],
    ],
    [
      "should allow the module's own entity",
      importing('./entities/order.entity', 'server/src/modules/orders/orders.fixture.ts'),
      [],
    ],
    [
      "should allow the module's own entity from a subfolder",
      importing('../entities/order.entity', 'server/src/modules/orders/dto/order.fixture.ts'),
      [],
    ],
    [
      "should allow another module's public service",
      importing('../catalog/catalog.service', 'server/src/modules/orders/orders.fixture.ts'),
      [],
    ],
    [
      'should allow entities in the demo seed',
      importing('../modules/catalog/entities/sku.entity', 'server/src/demo/demo.fixture.ts'),
      [],
    ],
  ];

  it('should report exactly the expected rules for each case', () => {
    const reported = ruleIdsFor(cases.map(([, lintCase]) => lintCase));
    expect(cases.map(([name], index) => [name, reported[index]])).toEqual(
      cases.map(([name, , expected]) => [name, expected]),
    );
  });
});

import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { servedOpenApiDocument } from '../support/openapi';

const REPO_ROOT = join(__dirname, '../..');
// A fixed path (kept as a CI artifact) because .redocly.lint-ignore.yaml names the file it applies to.
const DOCUMENT = 'test/artifacts/openapi.json';
const REDOCLY = join(__dirname, '../node_modules/.bin/redocly');

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  ignored?: boolean;
  message: string;
  location: { pointer?: string }[];
}

/** `#/paths/~1api~1v1~1orders/post/responses` → `POST /api/v1/orders responses`, so a failure names the operation. */
function where(pointer = ''): string {
  const [, section, ...rest] = pointer
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (pointer.startsWith('#/paths/')) {
    const [method, ...inside] = rest;
    return `${method?.toUpperCase() ?? ''} ${section} ${inside.join('/')}`.trim();
  }
  return pointer;
}

describe('OpenAPI document', () => {
  it('should pass Redocly’s recommended rules with no error and no warning', async () => {
    await mkdir(join(REPO_ROOT, 'test/artifacts'), { recursive: true });
    await writeFile(join(REPO_ROOT, DOCUMENT), JSON.stringify(await servedOpenApiDocument(), null, 2));
    const { stdout } = await promisify(execFile)(
      REDOCLY,
      ['lint', DOCUMENT, '--config', 'redocly.yaml', '--format', 'json'],
      {
        cwd: REPO_ROOT,
        // Offline in CI: no usage data, no update check.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const problems = (JSON.parse(stdout) as { problems: RedoclyProblem[] }).problems
      .filter((problem) => !problem.ignored)
      .map(
        (problem) =>
          `${problem.severity} ${problem.ruleId} at ${where(problem.location[0]?.pointer)}: ${problem.message}`,
      );
    expect(problems).toEqual([]);
  });
});

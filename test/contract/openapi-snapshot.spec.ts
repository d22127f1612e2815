import { execFile, execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { breakingChanges } from '../support/openapi-diff';
import { servedOpenApiDocument, type OpenApiDocument } from '../support/openapi';

const REPO_ROOT = join(__dirname, '../..');
const SNAPSHOT = join(REPO_ROOT, 'docs/openapi.json');
const GENERATED_TYPES = join(__dirname, 'openapi.generated.ts');
const OPENAPI_TYPESCRIPT = join(__dirname, '../node_modules/.bin/openapi-typescript');
// `pnpm openapi:update` sets it: write the snapshot and the generated types instead of comparing.
const UPDATE = process.env.UPDATE_OPENAPI === '1';
const HOW_TO_UPDATE =
  'run `pnpm openapi:update` and commit docs/openapi.json and test/contract/openapi.generated.ts';

const json = (document: OpenApiDocument) => `${JSON.stringify(document, null, 2)}\n`;

/** TypeScript types of the document, as openapi-typescript writes them. */
async function generatedTypes(document: OpenApiDocument): Promise<string> {
  const input = join(REPO_ROOT, 'test/artifacts/openapi-for-types.json');
  const output = join(REPO_ROOT, 'test/artifacts/openapi.generated.ts');
  await mkdir(join(REPO_ROOT, 'test/artifacts'), { recursive: true });
  await writeFile(input, json(document));
  // A default makes a field optional for the sender, not present in every request.
  await promisify(execFile)(OPENAPI_TYPESCRIPT, [input, '-o', output, '--default-non-nullable', 'false'], {
    cwd: REPO_ROOT,
  });
  return `// Generated from docs/openapi.json by openapi-typescript; do not edit (${HOW_TO_UPDATE}).\n${await readFile(output, 'utf8')}`;
}

/**
 * docs/openapi.json where this branch left main (the merge base, so routes main gained since are not
 * counted as removed here); null when the checkout has no main or main had no snapshot yet.
 */
function baseDocument(): OpenApiDocument | null {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: 'pipe',
    });
  for (const ref of [process.env.OPENAPI_BASE_REF, 'main', 'origin/main']) {
    if (!ref) continue;
    try {
      const base = git('merge-base', 'HEAD', ref).trim();
      return JSON.parse(git('show', `${base}:docs/openapi.json`)) as OpenApiDocument;
    } catch {
      // Next candidate; the check is reported as skipped when none has a snapshot.
    }
  }
  return null;
}

const base = baseDocument();

describe('OpenAPI contract', () => {
  let served: OpenApiDocument;
  beforeAll(async () => {
    served = await servedOpenApiDocument();
    if (UPDATE) {
      await writeFile(SNAPSHOT, json(served));
      await writeFile(GENERATED_TYPES, await generatedTypes(served));
    }
  });

  it('should serve the committed document, docs/openapi.json', async () => {
    const committed = await readFile(SNAPSHOT, 'utf8');
    // A failure here means the code changed the API: review the diff, then update the snapshot.
    expect({ diff: json(served) === committed ? 'none' : HOW_TO_UPDATE }).toEqual({ diff: 'none' });
    expect(JSON.parse(committed)).toEqual(served);
  });

  it('should have the generated types the shared client is type-checked against up to date', async () => {
    expect(
      (await generatedTypes(served)) === (await readFile(GENERATED_TYPES, 'utf8')) || HOW_TO_UPDATE,
    ).toBe(true);
  });

  (base ? it : it.skip)(
    'should not break v1 against the document on main (docs/api-versioning.md)',
    async () => {
      const accepted = JSON.parse(
        await readFile(join(REPO_ROOT, 'docs/openapi-accepted-breaks.json'), 'utf8'),
      );
      expect(
        breakingChanges(base as OpenApiDocument, served).filter((change) => !accepted.includes(change)),
      ).toEqual([]);
    },
  );
});

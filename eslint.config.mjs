import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const MODULES_DIR = 'server/src/modules';

/**
 * A module's entities are private: from inside `modules/<name>/` no relative import may reach
 * another module's `entities/` (its own `./entities` or `../entities` is fine). Outside the
 * modules, the database setup (entity list, migrations) and the demo seed (a data fixture, like
 * a migration) import entities on purpose; tests and scripts may too.
 */
function moduleEntitiesArePrivate() {
  return readdirSync(new URL(MODULES_DIR, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name }) => ({
      files: [`${MODULES_DIR}/${name}/**/*.ts`],
      ignores: ['**/*.spec.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(modules/)?(?!${name}/)[\\w-]+/entities(/|$)`,
                message: `Another module's entities are private to it: call that module's public service (see docs/architecture.md, "Module contracts").`,
              },
            ],
          },
        ],
      },
    }));
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'server/static/**',
      'test/artifacts/**',
      'test/contract/openapi.generated.ts',
      '.data/**',
      'coverage/**',
      'miniprogram/config/**',
      'miniprogram/babel.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: 'error',
    },
  },
  ...moduleEntitiesArePrivate(),
  {
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    ...react.configs.flat.recommended,
    ...react.configs.flat['jsx-runtime'],
    plugins: { react, 'react-hooks': reactHooks.configs.flat.recommended.plugins['react-hooks'] },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser },
    },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat['jsx-runtime'].rules,
      ...reactHooks.configs.flat.recommended.rules,
      // A missing dependency is a stale-data bug, not a style nit.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^(usePageData|useRotatingCode)$' }],
      // Types already check props.
      'react/prop-types': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

// Lint: TypeScript rules, no import cycles, and the layer rule
//   core ← domain ← storage ← service ← server      (reading: server → service → domain/storage)
//                    storage ← pipeline ← cli        (the CLI uses both; the server never the pipeline)
//   web imports only core, domain, api
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: forbidden.map((group) => ({ group: [`**/${group}/**`], message })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'test-output', 'data', 'cache', 'web/public'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
  },
  layer(
    ['src/core/**'],
    ['domain', 'storage', 'service', 'pipeline', 'server', 'cli', 'web'],
    'core depends on nothing',
  ),
  layer(
    ['src/domain/**'],
    ['storage', 'service', 'pipeline', 'server', 'cli', 'web'],
    'domain is pure: no I/O layers',
  ),
  layer(
    ['src/storage/**'],
    ['service', 'pipeline', 'server', 'cli', 'web'],
    'storage must not depend on service/pipeline/server/cli',
  ),
  layer(
    ['src/service/**'],
    ['pipeline', 'server', 'cli', 'web'],
    'read services use domain and storage only',
  ),
  layer(
    ['src/pipeline/**'],
    ['service', 'server', 'cli', 'web'],
    'pipeline must not depend on service/server/cli',
  ),
  layer(
    ['src/server/**'],
    ['pipeline', 'cli', 'web'],
    'server → service → domain/storage; never the pipeline or the cli',
  ),
  layer(['web/src/**'], ['storage', 'pipeline', 'server', 'cli'], 'the browser app talks to the API only'),
);

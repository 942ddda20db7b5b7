// Lint: TypeScript rules, no import cycles, and the layer rule
//   core ← domain ← storage ← pipeline ← server / cli   (web imports only core, domain, api)
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
  layer(['src/core/**'], ['domain', 'storage', 'pipeline', 'server', 'cli', 'web'], 'core depends on nothing'),
  layer(['src/domain/**'], ['storage', 'pipeline', 'server', 'cli', 'web'], 'domain is pure: no I/O layers'),
  layer(['src/storage/**'], ['pipeline', 'server', 'cli', 'web'], 'storage must not depend on pipeline/server/cli'),
  layer(['src/pipeline/**'], ['server', 'cli', 'web'], 'pipeline must not depend on server/cli'),
  layer(['src/server/**'], ['cli', 'web'], 'server must not depend on cli'),
  layer(['web/src/**'], ['storage', 'pipeline', 'server', 'cli'], 'the browser app talks to the API only'),
);

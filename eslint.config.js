// Lint gate: type-aware rules on src/, scripts/, bench/ (no-floating-promises as mempool enforces).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.nakamoto/**', 'web/dist/**'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  // Dependency rule (conventions/architecture.md): the pure stages never reach into the I/O edges or
  // the composition roots, type imports included; the domain imports nothing of ours. The same rules
  // and the no-cycle rule are checked on the whole graph by test/architecture/dependency-rules.test.ts.
  {
    files: ['src/{domain,decode,attribute,aggregate,metrics,analysis,simulate,random}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['node:fs', 'node:fs/promises', 'fs', 'node:child_process', 'node:http', 'node:https', 'pg', 'ws', 'fastify', '@duckdb/node-api'].map((name) => ({ name, message: 'pure stages do no I/O (architecture.md dependency rule)' })),
          patterns: [
            { group: ['**/sources/**', '**/store/**', '**/pipeline/**', '**/interfaces/**'], message: 'pure stages must not import sources, store, pipeline or interfaces (architecture.md dependency rule)' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/sources/**', '**/pipeline/**', '**/interfaces/**', '**/analysis/**', '**/simulate/**'], message: 'the store takes its types from the domain' }] }],
    },
  },
  {
    files: ['src/sources/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/store/**', '**/pipeline/**', '**/interfaces/**'], message: 'sources read data; they do not reach the store, the pipeline or the interfaces' }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'domain imports nothing of ours' }] }],
    },
  },
);

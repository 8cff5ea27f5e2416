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
  // the composition roots; the domain imports nothing of ours.
  {
    files: ['src/{metrics,aggregate,decode,attribute,random,simulate}/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/interfaces/**', '**/store/**', '**/pipeline/**'], message: 'pure stages must not import interfaces, store or pipeline (architecture.md dependency rule)', allowTypeImports: true },
          ],
        },
      ],
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

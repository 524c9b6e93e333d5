// Lint: TypeScript recommended rules plus the house dependency rule —
// src/engine is pure and may not import service, cli, node I/O or infrastructure drivers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.dev/**', '.lingxi-cache/**', 'data/**', 'web/dist/**', 'dist/**', '**/*.d.ts'] },
  js.configs.recommended,
  { files: ['bin/**/*.js', '**/*.config.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/service/**', '**/cli/**', '**/packs/**'], message: 'src/engine is pure: it may not import packs, service or cli (house style §1).' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:net', 'pg', '@electric-sql/*', 'fastify', 'ioredis', 'bullmq', 'openai', 'pino'], message: 'src/engine is pure: pass I/O in as a port (house style §1).' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/engine may not read process.*; take configuration as a parameter.' }],
    },
  },
  {
    // The browser apps talk to the service over its public API only; they may import the server's types, never its code.
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/vite.config.ts', 'web/vite.widget.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/src/**'], allowTypeImports: true, message: 'web/ may import server types only (import type), never server code (house style §1).' }],
      }],
    },
  },
  {
    // Tools and skills are asynchronous (a real backend is remote): a tool call that is not awaited, or a Promise used
    // as a condition ("if (!ensureCustomer(ctx))"), would let a turn end before its tool ran. Type-aware, so only here.
    files: ['src/engine/**/*.ts', 'src/packs/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/packs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/service/**', '**/cli/**'], message: 'packs depend on the engine only (house style §1).' }],
      }],
    },
  },
);

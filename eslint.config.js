// ESLint flat config: typescript-eslint's recommended rules, import cycles, file length, React
// hooks for the web UI, and Prettier last so formatting is Prettier's alone.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Product code: what ships (server, web UI, seed tool, SDK, shared packages). */
const PRODUCT = ['server/src/**/*.{ts,tsx}', 'web/src/**/*.{ts,tsx}', 'seed/src/**/*.ts', 'sdk/src/**/*.ts', 'packages/*/src/**/*.ts'];
/** Tests and their helpers, wherever they live. */
const TESTS = ['**/*.test.{ts,tsx}', 'test/**/*.ts'];
/** Command-line entry points, whose console is their user interface. */
const CLIS = ['**/*-cli.ts', 'seed/src/cli.ts', 'server/src/main.ts', 'server/src/graphql/emit-schema.ts', 'web/*.ts', 'bench/**/*.ts', 'test/**/*.ts'];

/**
 * Counts code lines only, so a long TSDoc never forces a split. Product files split at 300;
 * tests, benchmarks and tooling may be longer (one file per feature keeps fixtures together).
 */
const maxLines = (max) => ['error', { max, skipBlankLines: true, skipComments: true }];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'web/dist-instrumented/**',
      '.data/**',
      'neo4j-launcher/**',
      'test-artifacts/**',
      // Generated from server/schema.graphql by `npm run codegen`; checked by its drift test.
      'web/src/api/generated.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      // Parse TypeScript dependencies too: without it no-cycle cannot follow a .ts import.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.json', '*/tsconfig*.json', 'packages/*/tsconfig*.json'], noWarnOnMultipleProjects: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // `_name` marks a parameter kept for its position (an interface's signature, a callback's).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'no-console': 'error',
      'max-lines': maxLines(500),
    },
  },
  {
    files: PRODUCT,
    ignores: TESTS,
    rules: { 'max-lines': maxLines(300) },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: CLIS,
    rules: { 'no-console': 'off' },
  },
  prettier,
);

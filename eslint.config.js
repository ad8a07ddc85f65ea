// Lint: typescript-eslint strict + type-checked, 0 warnings, and the architecture's boundaries as rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserApis = ['chrome', 'browser', 'window', 'document', 'navigator', 'localStorage', 'fetch'];
const impureGlobals = [...browserApis, 'setTimeout', 'setInterval', 'performance', 'process', 'crypto'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'lib/**',
      'release/**',
      'dist-*/**',
      'node_modules/**',
      'test-results/**',
      'artifacts/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Only the platform layer touches the polyfill.
    files: ['src/**/*.ts', 'src/**/*.tsx', 'panel/**/*.ts', 'panel/**/*.tsx'],
    ignores: ['src/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'webextension-polyfill', message: 'import from src/platform instead' }] },
      ],
    },
  },
  {
    // The engine and the fix generators are pure: no browser, no clock, no I/O, no other layer.
    files: [
      'src/engine/**/*.ts',
      'src/fixes/**/*.ts',
      'src/inference/**/*.ts',
      'src/report/**/*.ts',
      'src/shared/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now' },
        { object: 'Math', property: 'random' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['webextension-polyfill', 'preact', 'preact/*', '@preact/*', 'node:*'],
              message: 'pure layer',
            },
            {
              group: [
                '**/background/**',
                '**/platform/**',
                '**/content/**',
                '**/devtools/**',
                '**/panel/**',
                '**/cli/**',
              ],
              message: 'pure layer',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.{1,2}/)', message: 'the engine imports only its own modules' },
            { regex: '\\.\\./\\.\\./', message: 'the engine imports only its own modules' },
          ],
        },
      ],
    },
  },
);

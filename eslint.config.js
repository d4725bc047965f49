import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The core runs in Node and in a browser, and both UIs stand on it: it may not reach for Node,
// the DOM, React, Ink, or either UI. See ../shared/DESIGN.md ("one core, thin shells").
const NODE_MODULES = ['node:*', 'fs', 'fs/*', 'path', 'os', 'process', 'child_process', 'url', 'util', 'stream', 'events', 'crypto', 'http', 'https', 'net', 'readline', 'worker_threads', 'buffer'];
const UI_MODULES = ['react', 'react/*', 'react-dom', 'react-dom/*', 'ink', 'ink/*', '@xstate/react', 'ink-testing-library'];
const CORE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']
  .map((name) => ({ name, message: 'src/machines is the UI-free core: it runs in Node and in a browser. Take what it needs as a parameter (e.g. the Store port).' }));

export default tseslint.config(
  { ignores: ['dist/**', 'dist-web/**', 'node_modules/**', 'coverage/**', '.ci/**', 'test/fixtures/lint/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/machines/**/*.ts', 'src/machines/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-restricted-imports': ['error', {
        paths: [...NODE_MODULES, ...UI_MODULES].filter((m) => !m.includes('*')).map((name) => ({ name, message: 'src/machines is the UI-free core: no Node, DOM, React or Ink.' })),
        patterns: [
          { group: ['node:*', 'fs/*', 'react/*', 'react-dom/*', 'ink/*'], message: 'src/machines is the UI-free core: no Node, DOM, React or Ink.' },
          { group: ['**/terminal/**', '**/web/**', '**/terminal', '**/web'], message: 'The core may not import a UI; the UIs import the core.' },
        ],
      }],
      'no-restricted-globals': ['error', ...CORE_GLOBALS],
    },
  },
  {
    files: ['src/terminal/**/*.ts', 'src/terminal/**/*.tsx', 'src/web/**/*.ts', 'src/web/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/machines/**', '!**/machines/index.js', '!**/machines/light.js'],
          message: 'UIs import the core only through src/machines/index.js (or light.js for a first frame without XState).',
        }],
      }],
    },
  },
  {
    files: ['src/**/*.tsx', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // An error, not a warning: the checks run with --quiet, which hid a missing dependency in
      // FacilitateScreen for sessions (term-52).
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' } },
  },
);

// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Folder rules follow docs/ARCHITECTURE.md §2: `shared/` is pure (no Node, DOM, Electron, React, socket.io or
 * SQLite), the renderer never reaches into the server, and only the renderer's socket module
 * touches socket.io.
 */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'child_process', 'url', 'util'];

/** The desktop shell (electron/) loads the screens from the server and runs none of their code. */
const desktopShellPatterns = [
  {
    group: ['react', 'react-*', 'zustand', 'socket.io', 'socket.io-*', 'better-sqlite3'],
    message: 'The desktop shell loads the screens from the server; it runs none of their code.',
  },
  { group: ['**/server/**', '**/renderer/**'], message: 'The desktop shell depends on shared/ only.' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'data/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node.' },
            {
              group: [
                'electron',
                'react',
                'react-*',
                'socket.io',
                'socket.io-*',
                'better-sqlite3',
                'zustand',
              ],
              message: 'shared/ is pure TypeScript.',
            },
            {
              group: ['**/server/**', '**/renderer/**', '**/electron/**'],
              message: 'shared/ depends on nothing of ours.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'localStorage'],
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', 'zustand', 'electron', '**/renderer/**', '**/electron/**'],
              message: 'The server depends on shared/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer runs in a browser.' },
            {
              group: ['better-sqlite3', 'electron', 'socket.io', '**/server/**', '**/electron/**'],
              message: 'The renderer talks to the server only over the socket.',
            },
            { group: ['socket.io-client'], message: 'Only renderer/src/net/socket.ts touches the socket.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/src/net/socket.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: nodeBuiltins, message: 'The renderer runs in a browser.' }] },
      ],
    },
  },
  {
    // The desktop shell (docs/ARCHITECTURE.md §11): only main.ts and preload.ts touch Electron, the
    // rest is plain and unit-tested; raw IPC lives only in the typed wrapper (electron/src/ipc/).
    files: ['electron/src/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron'],
              message:
                'Only electron/src/main.ts and preload.ts import Electron; pass what you need through host.ts.',
            },
            ...desktopShellPatterns,
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector: 'MemberExpression[object.name=/^ipc(Main|Renderer)$/]',
          message: 'No raw IPC: register handlers with registerIpcHandlers, call them with createInvoker.',
        },
      ],
    },
  },
  {
    files: ['electron/src/main.ts', 'electron/src/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...desktopShellPatterns],
        },
      ],
    },
  },
  {
    // The app's own pages (setup, admin, reconnecting) run in a sandboxed renderer.
    files: ['electron/pages/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeBuiltins, 'electron'],
              message: 'Pages reach the main process only through window.motesplatsLocal.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/scripts/**/*.mjs', 'build/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Tools read their config from a default export.
    files: ['scripts/**/*.mjs', '**/*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-restricted-syntax': 'off' },
  },
);

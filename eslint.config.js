import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** `await import(...)` is not an import declaration: no-restricted-imports does not see it. */
const noDynamicImport = (regex, message) => ({ selector: `ImportExpression[source.value=/${regex}/]`, message });

/**
 * Process boundaries, enforced (as Signal and VS Code do):
 * - the renderer (src/) may not import electron/ code, Electron or Node built-ins;
 * - src/shared/ imports nothing outside itself (npm packages such as zod are fine);
 * - the core (electron/core/) never imports Electron or the shell, so it runs under plain Node;
 * - the preload (electron/preload/) exposes the contract only: no Node built-ins, no core.
 */
export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'tmp/**', 'test-results/**', 'playwright-report/**', '.electron-native/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'better-sqlite3'].map((name) => ({
            name,
            message: 'The renderer is sandboxed: no Node built-ins, Electron or native modules.',
          })),
          patterns: [
            {
              group: ['**/electron/**', '../electron/*'],
              message: 'The renderer talks to the core only through the contract.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        noDynamicImport(
          '^(node:|electron|better-sqlite3)',
          'The renderer is sandboxed: no Node, Electron or native modules.',
        ),
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron', 'react'].map((name) => ({
            name,
            message: 'src/shared is pure TypeScript shared by every process.',
          })),
          patterns: [{ group: ['../*', '!./*'], message: 'src/shared imports nothing outside itself.' }],
        },
      ],
    },
  },
  {
    // The hub is a plain Node service: it shares the wire contract (src/shared) and the demo
    // dataset generator (electron/core/demo), never the desktop shell or the renderer.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The hub runs under plain Node, not Electron.' }],
          patterns: [
            {
              group: ['**/electron/main/**', '**/electron/preload/**', '**/electron/web-host/**'],
              message: 'The hub does not depend on the desktop shell.',
            },
            {
              group: ['**/src/*', '!**/src/shared', '**/src/!(shared)/**'],
              message: 'The hub may import only src/shared from the app side.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The core runs under plain Node too: it receives paths and keys in its init message.',
            },
          ],
          patterns: [
            { regex: '^electron/', message: 'The core runs under plain Node: no part of Electron.' },
            {
              regex: '^(\\.\\./)+(main|preload|web-host)(/|$)|/electron/(main|preload|web-host)(/|$)',
              message: 'The core does not depend on the shell.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        noDynamicImport('^electron(\\/|$)', 'The core runs under plain Node: no Electron.'),
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The preload is sandboxed and exposes the contract only: no Node built-ins.',
          })),
          patterns: [
            {
              regex: '^\\.\\./(core|main|web-host)(/|$)',
              message: 'The preload exposes the contract only; the core is reached through main.',
            },
          ],
        },
      ],
    },
  },
);

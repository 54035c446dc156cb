import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

/**
 * The process boundaries ARCHITECTURE.md says lint enforces, checked against the repo's own
 * eslint.config.js on virtual files (nothing is written to disk).
 */
const eslint = new ESLint({ cwd: ROOT });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('lint keeps the processes apart', () => {
  it.each([
    ['electron/core/sync/example.ts', "import * as e from 'electron';\nexport const a = e;\n"],
    ['electron/core/sync/example.ts', "import * as e from 'electron/main';\nexport const a = e;\n"],
    ['electron/core/sync/example.ts', "import * as e from 'electron/utility';\nexport const a = e;\n"],
    ['electron/core/sync/example.ts', "export const e = await import('electron');\n"],
    [
      'electron/core/sync/example.ts',
      "import { TokenStore } from '../../main/token-store';\nexport const a = TokenStore;\n",
    ],
    ['electron/core/content/example.ts', "import '../../preload/index';\n"],
    [
      'electron/core/example.ts',
      "import { startWebHost } from '../web-host/server';\nexport const a = startWebHost;\n",
    ],
    ['electron/preload/example.ts', "import { createCore } from '../core/core';\nexport const a = createCore;\n"],
    ['electron/preload/example.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['src/features/example.ts', "export const fs = await import('node:fs');\n"],
    ['src/features/example.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['server/example.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('refuses in %s: %s', async (file, code) => {
    expect(await refusals(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'electron/core/sync/example.ts',
      "import { z } from 'zod';\nimport { AppError } from '../../../src/shared/errors';\nexport const a = [z, AppError];\n",
    ],
    [
      'electron/preload/example.ts',
      "import { contextBridge } from 'electron';\nimport { IPC } from '../../src/shared/contract';\nexport const a = [contextBridge, IPC];\n",
    ],
    ['src/features/example.ts', "import { ERROR_CODES } from '../shared/errors';\nexport const a = ERROR_CODES;\n"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await refusals(file, code)).toEqual([]);
  });
});

import { join } from 'node:path';
import type { WebPreferences } from 'electron';

/** The lock-down every app window gets (the main window and the audience window): sandboxed, isolated, no Node, the contract-only preload. */
export function appWebPreferences(): WebPreferences {
  return {
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
  };
}

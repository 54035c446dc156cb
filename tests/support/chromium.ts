import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium, as the e2e tests and the content bench launch it (Playwright's own download is never used). */
export const CHROMIUM_LAUNCH: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

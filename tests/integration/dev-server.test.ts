import { chromium, type Browser } from 'playwright-core';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { CHROMIUM_LAUNCH } from '../support/chromium';

/**
 * `npm start` is `electron-vite dev`: the renderer comes from Vite's dev server, built from
 * the renderer section of electron.vite.config.ts, under the CSP of src/index.html.
 * Electron cannot run here, but that page is plain Chromium content, so it is loaded directly.
 */
let server: ViteDevServer;
let browser: Browser;

beforeAll(async () => {
  server = await createServer({
    ...(config as { renderer: InlineConfig }).renderer,
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
  browser = await chromium.launch(CHROMIUM_LAUNCH);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the renderer under `npm start`', () => {
  it("applies the app's styles with no Content Security Policy violation", async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text().slice(0, 200));
    });
    await page.goto(server.resolvedUrls!.local[0]!);
    // The stylesheet is in effect once the body takes the app's font.
    // (An expression: this file is type-checked without the DOM library.)
    await page.waitForFunction("getComputedStyle(document.body).fontFamily.includes('system-ui')", null, {
      timeout: 30_000,
    });
    expect(violations).toEqual([]);
  });
});

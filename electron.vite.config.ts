import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * `npm start` serves the renderer from Vite's dev server, which puts each stylesheet in a
 * <style> element; the CSP of src/index.html refuses inline styles, so the app would show
 * unstyled. Only the dev server is relaxed: the built renderer keeps the strict policy.
 */
function devServerStyles(): Plugin {
  return {
    name: 'oneteam-dev-server-styles',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The core process (utilityProcess) is a second entry of the main build.
          core: resolve('electron/core/process-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): bundle everything into one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src'),
    plugins: [react(), devServerStyles()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: resolve('src/index.html') },
    },
  },
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { appWebPreferences } from './app-window';
import { AudienceWindow } from './audience-window';
import { handleContentProtocol, registerContentScheme } from './content-protocol';
import { CoreSupervisor } from './core-supervisor';
import { broadcastEvent, relayCalls } from './ipc-relay';
import { applySecurityPolicy } from './security';
import { TokenStore } from './token-store';

// Development settings: an installed app ignores them, so nothing in its environment can point it elsewhere.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererUrl = devServerUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;

function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    const base = new URL(rendererUrl);
    return parsed.origin === base.origin && (base.protocol !== 'file:' || parsed.pathname === base.pathname);
  } catch {
    return false;
  }
}

/** Files shipped beside the code: migrations and the demo dataset. */
function resourcePath(...parts: string[]): string {
  return app.isPackaged ? join(process.resourcesPath, ...parts) : join(app.getAppPath(), ...parts);
}

function nativeBinding(): string | undefined {
  // better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs, kept apart from the Node build tests use.
  const file = resourcePath('.electron-native', process.versions.electron, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'OneTeam Field',
    webPreferences: appWebPreferences(),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

applySecurityPolicy(isAppUrl);
registerContentScheme();
// Tests point a development build at their own folder before anything reads it.
if (!app.isPackaged && process.env.ONETEAM_USER_DATA) app.setPath('userData', process.env.ONETEAM_USER_DATA);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const migrationsFolder = resourcePath('drizzle');
  const tokens = new TokenStore(join(app.getPath('userData'), 'device-token.bin'));
  const audience = new AudienceWindow(rendererUrl);
  const core = new CoreSupervisor(join(import.meta.dirname, 'core.js'), {
    init: () => ({
      type: 'init',
      dataDir: join(app.getPath('userData'), 'data'),
      migrationsFolder,
      demoDatasetFile: resourcePath('resources', 'demo', 'dataset.json.gz'),
      nativeBinding: nativeBinding(),
      version: app.getVersion(),
      deviceToken: tokens.read(),
      secureStorage: tokens.available(),
    }),
    onEvent: (event, payload) => broadcastEvent(event, payload, audience),
    onSecret: (token) => tokens.write(token),
  });

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    core.start();
    handleContentProtocol((versionId) => core.serve(versionId));
    relayCalls(core, isAppUrl, { 'presenter.window': audience.handle }, audience);
    // The audience window never outlives the presenter's.
    createMainWindow().on('closed', () => audience.close());
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => core.stop());
}

import { app, session, shell, type WebContents } from 'electron';
import { isSafeExternalUrl } from './trusted-url';

/**
 * Lock-down applied to every web contents the app creates: no navigation away from the
 * app, no new windows (links to http(s) open in the OS browser), no permissions.
 */
export function applySecurityPolicy(isAppUrl: (url: string) => boolean): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents: WebContents) => {
    // Every frame's navigation and every redirect, not only the main frame's own links.
    contents.on('will-frame-navigate', (details) => {
      if (!isAppUrl(details.url)) details.preventDefault();
    });
    contents.on('will-redirect', (details) => {
      if (!isAppUrl(details.url)) details.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
}

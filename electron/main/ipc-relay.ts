import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC, isMethodName } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import type { CoreSupervisor } from './core-supervisor';

/**
 * The main process's whole share of the API: check who is calling and that the method
 * exists in the contract, then pass the still-unknown input to the core, which parses it.
 */
export function relayCalls(core: CoreSupervisor, isAppUrl: (url: string) => boolean): void {
  ipcMain.handle(
    IPC.call,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      const fromOurWindow = BrowserWindow.fromWebContents(event.sender) !== null;
      if (!fromOurWindow || !frame || !isAppUrl(frame.url)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app’s own windows.' },
        };
      }
      if (!isMethodName(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}` } };
      }
      return core.call(method, input);
    },
  );
}

export function broadcastEvent(event: string, payload: unknown): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(IPC.event, event, payload);
  }
}

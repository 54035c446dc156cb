import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC, isMethodName } from '../../src/shared/contract';
import type { MethodName } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import type { CoreSupervisor } from './core-supervisor';

/** Contract methods main answers itself (windows and displays); each parses its own input. */
export type MainHandlers = Partial<Record<MethodName, (input: unknown, sender: BrowserWindow) => Result<unknown>>>;

/** What a window may call and hear; without a policy every app window has the whole API. */
export interface WindowPolicy {
  mayCall(window: BrowserWindow, method: MethodName): boolean;
  mayReceive(window: BrowserWindow, event: string): boolean;
}

/**
 * The main process's whole share of the API: check who is calling, that the method exists
 * in the contract and that this window may call it, then pass the still-unknown input to
 * the core, which parses it (or, for the few window methods, to main's own handler).
 */
export function relayCalls(
  core: CoreSupervisor,
  isAppUrl: (url: string) => boolean,
  own: MainHandlers = {},
  policy?: WindowPolicy,
): void {
  ipcMain.handle(
    IPC.call,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame;
      const window = BrowserWindow.fromWebContents(event.sender);
      if (!window || !frame || !isAppUrl(frame.url)) {
        return {
          ok: false,
          error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app’s own windows.' },
        };
      }
      if (!isMethodName(method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}` } };
      }
      if (policy && !policy.mayCall(window, method)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: `This window may not call ${method}.` } };
      }
      const handler = own[method];
      if (!handler) return core.call(method, input);
      try {
        return handler(input, window);
      } catch (error) {
        // Like the core's answers: a failure reaches the renderer with a code, never as a bare rejection.
        return { ok: false, error: { code: 'INTERNAL', message: String(error) } };
      }
    },
  );
}

export function broadcastEvent(event: string, payload: unknown, policy?: WindowPolicy): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (window.isDestroyed() || (policy && !policy.mayReceive(window, event))) continue;
    window.webContents.send(IPC.event, event, payload);
  }
}

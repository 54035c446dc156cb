import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, isEventName, isMethodName, type ApiBridge } from '../../src/shared/contract';

/** window.api: the contract's calls and events, and nothing else of Electron. */
const api: ApiBridge = {
  call(method, input) {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}` } });
    }
    return ipcRenderer.invoke(IPC.call, method, input);
  },
  subscribe(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const handler = (_sender: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC.event, handler);
    return () => ipcRenderer.removeListener(IPC.event, handler);
  },
};

contextBridge.exposeInMainWorld('api', api);

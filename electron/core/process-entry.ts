/**
 * Entry of the Electron core process (utilityProcess). It receives its paths in an init
 * message instead of asking Electron, so this file is the only one that knows it runs
 * under Electron, and even it does not import `electron`.
 */
import { createCore, type Core } from './core';
import { ToCore, type FromCore } from './protocol';
import { RelayedSecretStore } from './sync/secret-store';

interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: FromCore): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('The core process must be started with utilityProcess.fork');
const port = parentPort;

let core: Core | undefined;

port.on('message', ({ data }) => {
  const message = ToCore.safeParse(data);
  if (!message.success) return;
  const msg = message.data;
  if (msg.type === 'init') {
    if (core) return;
    const { deviceToken, secureStorage, ...options } = msg;
    // The token is kept by main (safeStorage); the core only holds it in memory and hands changes back.
    const secrets = new RelayedSecretStore(
      deviceToken ?? null,
      (token) => port.postMessage({ type: 'secret', token }),
      secureStorage,
    );
    core = createCore({ ...options, secrets });
    core.subscribe((event, payload) => port.postMessage({ type: 'event', event, payload }));
    port.postMessage({ type: 'ready' });
    return;
  }
  const running = core;
  if (!running) {
    port.postMessage({
      type: 'result',
      id: msg.id,
      result: { ok: false, error: { code: 'CORE_UNAVAILABLE', message: 'The core has not started yet.' } },
    });
    return;
  }
  if (msg.type === 'serve') {
    port.postMessage({ type: 'result', id: msg.id, result: running.serveContent(msg.versionId) });
    return;
  }
  void running
    .dispatch(msg.method, msg.input)
    .then((result) => port.postMessage({ type: 'result', id: msg.id, result }));
});

process.on('exit', () => core?.close());

import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Electron's UtilityProcess as far as the supervisor relies on it: after 'exit' the handle
 * is gone and postMessage() silently does nothing (electron/lib/browser/api/utility-process.ts).
 */
class FakeChild extends EventEmitter {
  alive = true;
  /** Answers every call like a healthy core. */
  answering = false;

  postMessage(message: { type: string; id?: number }): void {
    if (!this.alive || !this.answering || (message.type !== 'call' && message.type !== 'serve')) return;
    setImmediate(() =>
      this.emit('message', { type: 'result', id: message.id, result: { ok: true, value: 'answered' } }),
    );
  }

  ready(): void {
    this.emit('message', { type: 'ready' });
  }

  crash(): void {
    this.alive = false;
    this.emit('exit', 1);
  }

  kill(): boolean {
    if (this.alive) this.crash();
    return true;
  }
}

const children: FakeChild[] = [];
const keychain = { available: true, backend: 'gnome_libsecret' };
const schemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
let contentHandler: ((request: Request) => Promise<Response>) | undefined;

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (list: typeof schemes) => schemes.push(...list),
    handle: (_scheme: string, handler: typeof contentHandler) => {
      contentHandler = handler;
    },
  },
  utilityProcess: {
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
  },
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (text: string) => Buffer.from(`enc:${text}`),
    decryptString: (buffer: Buffer) => buffer.toString().replace(/^enc:/, ''),
  },
}));

const { CoreSupervisor } = await import('../../electron/main/core-supervisor');
const { TokenStore } = await import('../../electron/main/token-store');
const { handleContentProtocol, registerContentScheme } = await import('../../electron/main/content-protocol');
const { fingerprintOf } = await import('../../electron/core/content/store');

function supervisor(onSecret: (token: string | null) => void = () => undefined) {
  return new CoreSupervisor('core.js', {
    init: () => ({ type: 'init', dataDir: '/d', migrationsFolder: '/m', version: 't', secureStorage: true }),
    onEvent: () => undefined,
    onSecret,
  });
}

const restartWindow = () => new Promise((resolve) => setTimeout(resolve, 700));

beforeEach(() => {
  children.length = 0;
  keychain.available = true;
  keychain.backend = 'gnome_libsecret';
});

describe('the core supervisor', () => {
  it('answers a call made while the core restarts with CORE_UNAVAILABLE, and the next one from the new core', async () => {
    const core = supervisor();
    core.start();
    children[0]!.ready();
    children[0]!.crash();
    expect(await core.call('app.status', {})).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    await restartWindow();
    children[1]!.answering = true;
    children[1]!.ready();
    expect(await core.call('app.status', {})).toEqual({ ok: true, value: 'answered' });
    core.stop();
  });

  it('answers calls waiting for a core that dies before it is ready', async () => {
    const core = supervisor();
    core.start();
    const waiting = core.call('app.status', {});
    children[0]!.crash();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    await restartWindow();
    expect(children).toHaveLength(2);
    core.stop();
  });

  it('fails the calls in flight when the core dies, and starts no new core after stop', async () => {
    const core = supervisor();
    core.start();
    children[0]!.ready();
    const inFlight = core.call('capture.save', {});
    await Promise.resolve();
    core.stop();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'CORE_UNAVAILABLE' } });
    await restartWindow();
    expect(children).toHaveLength(1);
  });

  it('keeps running when the device token cannot be kept', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'token-')), 'device-token.bin');
    const tokens = new TokenStore(file);
    const core = supervisor((token) => tokens.write(token));
    core.start();
    children[0]!.ready();
    keychain.available = false;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => children[0]!.emit('message', { type: 'secret', token: 'device-token' })).not.toThrow();
    expect(logged).toHaveBeenCalledWith('The device token could not be kept:', expect.any(Error));
    logged.mockRestore();
    expect(existsSync(file)).toBe(false);
    core.stop();
  });
});

describe('the device token store', () => {
  it("counts Linux's basic_text backend (a hard-coded key) as no secure storage", () => {
    const store = new TokenStore(join(mkdtempSync(join(tmpdir(), 'token-')), 'device-token.bin'));
    expect(store.available()).toBe(true);
    keychain.backend = 'basic_text';
    expect(store.available()).toBe(process.platform !== 'linux');
    if (process.platform === 'linux') expect(() => store.write('device-token')).toThrow();
  });
});

describe('the content protocol', () => {
  /** A file as the core verified it: its path, type and fingerprint. */
  const verified = (path: string) => ({
    ok: true as const,
    value: { path, mime: 'application/pdf', size: statSync(path).size, fingerprint: fingerprintOf(statSync(path)) },
  });

  it("takes part in CORS, so the app's page (another origin) can fetch a PDF", async () => {
    registerContentScheme();
    expect(schemes).toEqual([expect.objectContaining({ privileges: expect.objectContaining({ corsEnabled: true }) })]);
    const path = join(mkdtempSync(join(tmpdir(), 'content-')), 'file.pdf');
    writeFileSync(path, '%PDF-1.7\n%%EOF\n');
    handleContentProtocol(async () => verified(path));
    const response = await contentHandler!(new Request('oneteam-content://version/v1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe('%PDF-1.7\n%%EOF\n');
    const refused = await contentHandler!(new Request('oneteam-content://other/v1'));
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(await refused.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });

  it('refuses with a code a file removed between the check and the read (a sync dropped it)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'content-')), 'file.pdf');
    writeFileSync(path, '%PDF-1.7\n%%EOF\n');
    const answer = verified(path);
    rmSync(path);
    handleContentProtocol(async () => answer);
    const response = await contentHandler!(new Request('oneteam-content://version/v1'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'CONTENT_FILE_MISSING' } });
  });
});

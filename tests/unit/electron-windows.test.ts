import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src/shared/errors';

/** A BrowserWindow as far as main's window code uses it; webContents records what it is sent. */
class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly sent: { event: string; payload: unknown }[] = [];
  readonly webContents = {
    send: (_channel: string, event: string, payload: unknown) => this.sent.push({ event, payload }),
  };
  destroyed = false;
  url = '';

  constructor(readonly options: { x?: number } = {}) {
    super();
    FakeWindow.all.push(this);
  }
  isDestroyed = () => this.destroyed;
  getBounds = () => ({ x: this.options.x ?? 0, y: 0, width: 1280, height: 800 });
  setBounds = () => undefined;
  setFullScreen = () => undefined;
  showInactive = () => undefined;
  loadURL = (url: string) => {
    this.url = url;
    return Promise.resolve();
  };
  close = () => {
    this.destroyed = true;
    this.emit('closed');
  };
  static getAllWindows = () => FakeWindow.all;
  static fromWebContents = (contents: unknown) => FakeWindow.all.find((w) => w.webContents === contents) ?? null;
}

const displays = [
  { id: 1, bounds: { x: 0, y: 0, width: 1280, height: 800 } },
  { id: 2, bounds: { x: 1280, y: 0, width: 1920, height: 1080 } },
];
type CallHandler = (event: unknown, method: unknown, input: unknown) => Promise<Result<unknown>>;
let callHandler: CallHandler | undefined;

vi.mock('electron', () => ({
  BrowserWindow: FakeWindow,
  ipcMain: {
    handle: (_channel: string, handler: CallHandler) => {
      callHandler = handler;
    },
  },
  screen: {
    getDisplayMatching: () => displays[0],
    getAllDisplays: () => displays,
  },
}));

const { AudienceWindow } = await import('../../electron/main/audience-window');
const { broadcastEvent, relayCalls } = await import('../../electron/main/ipc-relay');

const APP = 'file:///app/out/renderer/index.html';

/** A presenter window and, on the second display, the audience window; calls go to a core that answers everything. */
function presenting() {
  FakeWindow.all = [];
  const toCore: string[] = [];
  const core = {
    call: (method: string) => {
      toCore.push(method);
      return Promise.resolve({ ok: true as const, value: method });
    },
  };
  const audience = new AudienceWindow(APP);
  relayCalls(core as never, (url) => url.startsWith(APP), { 'presenter.window': audience.handle }, audience);
  const presenter = new FakeWindow();
  const opened = audience.handle({ action: 'open' }, presenter as never);
  expect(opened).toEqual({ ok: true, value: { mode: 'second_display' } });
  const room = FakeWindow.all.find((w) => w !== presenter)!;
  const call = (from: FakeWindow, method: string) =>
    callHandler!({ sender: from.webContents, senderFrame: { url: `${APP}#/x` } }, method, {});
  return { audience, presenter, room, toCore, call };
}

beforeEach(() => {
  callHandler = undefined;
});

describe('the audience window', () => {
  it('may show the slide and turn pages, and reaches nothing else', async () => {
    const { room, toCore, call } = presenting();
    expect(room.url).toBe(`${APP}#/audience`);
    for (const method of ['app.status', 'settings.get', 'presenter.current', 'presenter.show']) {
      expect(await call(room, method)).toEqual({ ok: true, value: method });
    }
    for (const method of ['accounts.search', 'journey.timeline', 'settings.update', 'sync.enrol', 'presenter.window']) {
      expect(await call(room, method)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(toCore).toEqual(['app.status', 'settings.get', 'presenter.current', 'presenter.show']);
  });

  it("leaves the presenter's window the whole API", async () => {
    const { presenter, toCore, call } = presenting();
    expect(await call(presenter, 'accounts.search')).toEqual({ ok: true, value: 'accounts.search' });
    expect(await call(presenter, 'presenter.window')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(toCore).toEqual(['accounts.search']);
  });

  it('hears page turns only; other windows hear everything', () => {
    const { audience, presenter, room } = presenting();
    broadcastEvent('data.changed', { scopes: ['accounts'], accountIds: ['a1'] }, audience);
    broadcastEvent('sync.status', { state: 'syncing' }, audience);
    broadcastEvent('presenter.changed', { position: 2 }, audience);
    expect(presenter.sent.map((s) => s.event)).toEqual(['data.changed', 'sync.status', 'presenter.changed']);
    expect(room.sent).toEqual([{ event: 'presenter.changed', payload: { position: 2 } }]);
  });

  it('once closed, a new window in its place is held to the same rules', async () => {
    const { audience, presenter, room, call } = presenting();
    audience.handle({ action: 'close' }, presenter as never);
    expect(room.destroyed).toBe(true);
    audience.handle({ action: 'open' }, presenter as never);
    const again = FakeWindow.all.at(-1)!;
    expect(again).not.toBe(room);
    expect(await call(again, 'accounts.search')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

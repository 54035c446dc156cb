import { BrowserWindow, screen, type Display } from 'electron';
import { methods, type EventName, type MethodName } from '../../src/shared/contract';
import type { AudienceMode } from '../../src/shared/content';
import type { Result } from '../../src/shared/errors';
import { appWebPreferences } from './app-window';
import type { WindowPolicy } from './ipc-relay';

/**
 * All the audience window may call: what every window asks on start (status, language),
 * the slide on screen, a page turn from a clicker aimed at it, and the report of a PDF
 * page it cannot draw. A page that misbehaves on the room's screen (it renders files)
 * reaches no accounts, contacts or settings.
 */
const AUDIENCE_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'app.status',
  'settings.get',
  'presenter.current',
  'presenter.show',
  'content.reportProblem',
]);
/** Page turns only: data and sync events name accounts and counts the room has no business with. */
const AUDIENCE_EVENTS: ReadonlySet<string> = new Set<EventName>(['presenter.changed']);

/**
 * The audience view of presenter mode: when a second display is connected, a frameless
 * full-screen window on it that shows only the #/audience route (the current slide on
 * black). With one display there is no second window and the presenter's window shows
 * the audience view itself. Answers the contract's `presenter.window` in main, because
 * windows and displays are main's business; the core answers the same call with
 * "same window" wherever there is no Electron. It is also the policy that keeps that
 * window to the audience's share of the API.
 */
export class AudienceWindow implements WindowPolicy {
  private window: BrowserWindow | null = null;

  constructor(private readonly rendererUrl: string) {}

  readonly mayCall = (window: BrowserWindow, method: MethodName): boolean =>
    window !== this.window || AUDIENCE_METHODS.has(method);

  readonly mayReceive = (window: BrowserWindow, event: string): boolean =>
    window !== this.window || AUDIENCE_EVENTS.has(event);

  readonly handle = (input: unknown, presenter: BrowserWindow): Result<AudienceMode> => {
    const parsed = methods['presenter.window'].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: parsed.error.message } };
    const here = screen.getDisplayMatching(presenter.getBounds());
    const other = screen.getAllDisplays().find((display) => display.id !== here.id);
    if (parsed.data.action === 'close' || !other) {
      this.close();
      return { ok: true, value: { mode: 'same_window' } };
    }
    this.openOn(other);
    return { ok: true, value: { mode: 'second_display' } };
  };

  close(): void {
    if (this.window && !this.window.isDestroyed()) this.window.close();
    this.window = null;
  }

  private openOn(display: Display): void {
    if (this.window && !this.window.isDestroyed()) {
      this.window.setBounds(display.bounds);
      this.window.setFullScreen(true);
      return;
    }
    const window = new BrowserWindow({
      ...display.bounds,
      fullscreen: true,
      frame: false,
      show: false,
      backgroundColor: '#000000',
      title: 'OneTeam Field',
      webPreferences: appWebPreferences(),
    });
    window.once('ready-to-show', () => window.showInactive());
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    void window.loadURL(`${this.rendererUrl}#/audience`);
    this.window = window;
  }
}

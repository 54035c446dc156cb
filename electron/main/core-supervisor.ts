import { utilityProcess, type UtilityProcess } from 'electron';
import type { Result } from '../../src/shared/errors';
import { FromCore, type CoreInit, type ToCore } from '../core/protocol';

type EventListener = (event: string, payload: unknown) => void;

export interface SupervisorHooks {
  onEvent: EventListener;
  /** The core enrolled or signed out: keep (or forget) the device token. */
  onSecret: (token: string | null) => void;
  /** Read at every (re)start, so a restarted core gets the current token. */
  init: () => CoreInit;
}

const UNAVAILABLE: Result<never> = {
  ok: false,
  error: { code: 'CORE_UNAVAILABLE', message: 'The core process stopped; it is restarting.' },
};

/**
 * Starts the core process and relays calls to it. If the core dies, pending calls fail
 * with CORE_UNAVAILABLE and the core is started again: every confirmed write is already
 * committed in SQLite, so a restart loses nothing. A call made while no core is running
 * fails the same way at once: Electron drops messages posted to an exited process, so
 * waiting for its answer would wait for ever.
 */
export class CoreSupervisor {
  private child: UtilityProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  /** Whether the current child said it is ready; false if it exited first. */
  private ready: Promise<boolean> = Promise.resolve(false);
  private stopped = false;

  constructor(
    private readonly entry: string,
    private readonly hooks: SupervisorHooks,
  ) {}

  start(): void {
    const child = utilityProcess.fork(this.entry, [], { serviceName: 'OneTeam core', stdio: 'inherit' });
    this.child = child;
    this.ready = new Promise((resolve) => {
      child.once('exit', () => resolve(false));
      child.on('message', (raw: unknown) => {
        const message = FromCore.safeParse(raw);
        if (!message.success) return;
        const msg = message.data;
        if (msg.type === 'ready') resolve(true);
        else if (msg.type === 'event') this.hooks.onEvent(msg.event, msg.payload);
        else if (msg.type === 'secret') this.keepSecret(msg.token);
        else {
          this.pending.get(msg.id)?.(msg.result as Result<unknown>);
          this.pending.delete(msg.id);
        }
      });
    });
    child.on('exit', () => {
      for (const settle of this.pending.values()) settle(UNAVAILABLE);
      this.pending.clear();
      if (this.child !== child) return;
      this.child = undefined;
      if (!this.stopped) setTimeout(() => this.start(), 500);
    });
    child.postMessage(this.hooks.init());
  }

  async call(method: string, input: unknown): Promise<Result<unknown>> {
    return this.request((id) => ({ type: 'call', id, method, input }));
  }

  /** For the content protocol: the core's verdict on a version's file (a ServableFile, or the refusal). */
  async serve(versionId: string): Promise<Result<unknown>> {
    return this.request((id) => ({ type: 'serve', id, versionId }));
  }

  private async request(message: (id: number) => ToCore): Promise<Result<unknown>> {
    const child = this.child;
    if (!child || !(await this.ready) || this.child !== child) return UNAVAILABLE;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      child.postMessage(message(id));
    });
  }

  /**
   * The core checked before enrolling that the token can be kept (CoreInit.secureStorage);
   * a keychain that fails after that must not take main down with an uncaught exception.
   */
  private keepSecret(token: string | null): void {
    try {
      this.hooks.onSecret(token);
    } catch (error) {
      console.error('The device token could not be kept:', error);
    }
  }

  stop(): void {
    this.stopped = true;
    const child = this.child;
    this.child = undefined;
    child?.kill();
  }
}

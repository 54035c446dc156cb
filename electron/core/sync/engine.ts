import { randomUUID } from 'node:crypto';
import { AppError } from '../../../src/shared/errors';
import type { DownloadItem, SyncStatus } from '../../../src/shared/sync-status';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { pendingCount } from '../outbox/outbox';
import { refreshIndexes } from '../search/refresh-indexes';
import { readSettings, updateSettings } from '../settings/settings';
import { applyChanges } from './apply-changes';
import { backoffDelay } from './backoff';
import { downloadContent } from './downloads';
import { RefusedFiles } from './refused-files';
import { HubClient, HubRequestError, type HubFailure } from './hub-client';
import {
  assignTerritory,
  nextBatch,
  PUSH_BATCH_BYTES,
  recordPushFailure,
  recordPushResults,
  resendAcknowledged,
} from './push';
import type { SecretStore } from './secret-store';
import { clearSyncState, readSyncState, scopeWidened, writeSyncState, type SyncState } from './sync-state';

export interface SyncEngineOptions {
  secrets: SecretStore;
  /** How often to sync while online and idle. */
  intervalMs?: number;
  pullPageSize?: number;
  requestTimeoutMs?: number;
  fetch?: typeof fetch;
  random?: () => number;
  /** The first wait after a failed run (doubling up to five minutes); 2 s by default. */
  retryBaseMs?: number;
  /** Called with every status change (the core broadcasts it to every window). */
  onStatus: (status: SyncStatus) => void;
  /** Shown as the hub address before enrolment. */
  suggestedHubUrl?: string;
}

type Phase = 'idle' | 'push' | 'pull' | 'download' | 'report';

type LogPosition = { cursor: string; check: string } | null;

/** The later of two positions in the hub's log. */
function highest(a: LogPosition, b: LogPosition): LogPosition {
  if (!a || !b) return a ?? b;
  return Number(b.cursor) > Number(a.cursor) ? b : a;
}

/**
 * The hub's answer to a cursor past its newest change, or naming a change it does not
 * hold: it lost what this device has seen (restored from a backup). A hub that refuses the
 * checks themselves as invalid is older than the one that issued them: the same.
 */
function isCursorLost(error: unknown, position: { check: string | null; pushed: unknown }): boolean {
  if (!(error instanceof HubRequestError) || error.failure.kind !== 'refused') return false;
  const { code } = error.failure;
  const checked = position.check !== null || position.pushed !== null;
  return code === 'CURSOR_AHEAD' || code === 'CURSOR_UNKNOWN' || (code === 'INVALID_INPUT' && checked);
}

/**
 * The sync engine, in the core process, never in the way of the UI: it runs on start,
 * when connectivity returns, every few minutes while online and on "Sync now"; one run at
 * a time; failures are retried with exponential backoff and jitter, forever, without
 * needing a new local write. Each pulled page is applied with its cursor in one
 * transaction, and the in-memory indexes are refreshed only after that commits.
 */
export class SyncEngine {
  private running: Promise<void> | null = null;
  private rerun = false;
  /** This run already started over after a hub restore (once is enough; see pull). */
  private restartedThisRun = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private phase: Phase = 'idle';
  private progress: { done: number; total: number } | null = null;
  private failure: (HubFailure & { at: number }) | null = null;
  private lastSuccessAt: number | null = null;
  private stopped = false;
  private queue: DownloadItem[] = [];
  private readonly refused = new RefusedFiles();
  /** Orders this engine's status snapshots for the windows (see SyncStatus.revision). */
  private readonly instance = randomUUID();
  private revision = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: SyncEngineOptions,
  ) {}

  private get sqlite() {
    return this.ctx.conn.sqlite;
  }

  private client(state: Pick<SyncState, 'hubUrl'>): HubClient {
    return new HubClient({
      baseUrl: state.hubUrl,
      token: () => this.options.secrets.read(),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.requestTimeoutMs ? { timeoutMs: this.options.requestTimeoutMs } : {}),
    });
  }

  start(): void {
    this.stopped = false;
    if (readSyncState(this.ctx.conn.db)) this.trigger();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Sync now (or right after the run in progress). Never throws; the status says how it went. */
  trigger(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.rerun) {
        this.rerun = false;
        this.trigger();
      }
    });
  }

  /** Resolves when the current run (if any) has finished; for tests and for sign-out. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** The operating system says the network is back: try now instead of waiting out the backoff. */
  connectivityChanged(online: boolean): void {
    if (online) {
      this.attempt = 0;
      this.trigger();
    }
  }

  async enrol(hubUrl: string, code: string, deviceName: string): Promise<SyncStatus> {
    if (readSyncState(this.ctx.conn.db))
      throw new AppError('ALREADY_ENROLLED', 'This device is already enrolled. Sign out first.');
    // Checked before the one-time code is spent: a token that cannot be kept would be lost at the next start.
    if (!this.options.secrets.available)
      throw new AppError(
        'SECURE_STORAGE_UNAVAILABLE',
        'The operating system offers no secure storage for the device token.',
      );
    let url: URL;
    try {
      url = new URL(hubUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    } catch {
      throw new AppError('INVALID_INPUT', 'The hub address must be an http(s) URL.', 'hubUrl');
    }
    // The one-time code, the device token and every journey cross this connection.
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      throw new AppError(
        'INSECURE_HUB_URL',
        'Use the hub’s https:// address; http:// is accepted only for a hub on this computer.',
        'hubUrl',
      );
    }
    const base = url.origin + url.pathname.replace(/\/+$/, '');
    const client = this.client({ hubUrl: base });
    let enrolled;
    try {
      enrolled = await client.enrol({ code, deviceName });
    } catch (error) {
      throw enrolmentError(error);
    }
    this.options.secrets.write(enrolled.token);
    const { token: _token, ...identity } = enrolled;
    const { db } = this.ctx.conn;
    db.transaction((tx) => {
      writeSyncState(tx, {
        hubUrl: base,
        identity,
        cursor: '0',
        cursorCheck: null,
        pushedTo: null,
        lastPullAt: null,
        lastPushAt: null,
      });
      // This hub may have lost what it acknowledged from this device before (it forgot the
      // device's enrolment in a restore, say): it gets it again, and answers duplicates for the rest.
      resendAcknowledged(this.sqlite, identity.hubId);
    });
    const settings = readSettings(db);
    updateSettings(db, {
      ...(settings.territory === '' && identity.scope.territories[0]
        ? { territory: identity.scope.territories[0] }
        : {}),
      ...(settings.repName === '' ? { repName: identity.user.name } : {}),
    });
    this.failure = null;
    this.attempt = 0;
    this.trigger();
    return this.status();
  }

  /** Forgets the hub and the token. Refused while this device holds work the hub has not got. */
  async signOut(unprotectedWork: number): Promise<SyncStatus> {
    if (unprotectedWork > 0) {
      throw new AppError(
        'UNSYNCED_WORK',
        `${unprotectedWork} change(s) exist only on this device. Sync, or write an encrypted export first.`,
      );
    }
    this.stop();
    await this.idle();
    this.options.secrets.write(null);
    clearSyncState(this.ctx.conn.db);
    this.failure = null;
    this.lastSuccessAt = null;
    this.stopped = false;
    this.emit();
    return this.status();
  }

  status(): SyncStatus {
    const state = readSyncState(this.ctx.conn.db);
    const pending = pendingCount(this.sqlite);
    const issues = (
      statement(this.sqlite, 'SELECT COUNT(*) AS n FROM sync_issues WHERE resolved_at IS NULL').get() as { n: number }
    ).n;
    const base = {
      pending,
      issues,
      hubUrl: state?.hubUrl ?? this.options.suggestedHubUrl ?? null,
      user: state?.identity.user.name ?? null,
      territories: state?.identity.scope.territories ?? [],
      lastSyncAt: state ? (this.lastSuccessAt ?? state.lastPullAt) : null,
      lastError: this.failure ? { kind: this.failure.kind, message: this.failure.message, at: this.failure.at } : null,
      instance: this.instance,
      revision: ++this.revision,
    };
    if (!state) return { ...base, state: 'not_enrolled', progress: null };
    if (this.failure?.kind === 'auth') return { ...base, state: 'signed_out_by_hub', progress: null };
    // The phase, not `running`: the first phase is announced before trigger() has stored the run.
    if (this.phase !== 'idle') return { ...base, state: 'syncing', phase: this.phase, progress: this.progress };
    if (this.failure && (this.failure.kind === 'offline' || this.failure.kind === 'server'))
      return { ...base, state: 'offline', progress: null };
    if (issues > 0 || this.failure) return { ...base, state: 'needs_attention', progress: null };
    return { ...base, state: 'up_to_date', progress: null };
  }

  private emit(): void {
    this.options.onStatus(this.status());
  }

  private setPhase(phase: Phase, progress: { done: number; total: number } | null = null): void {
    this.phase = phase;
    this.progress = progress;
    this.emit();
  }

  private async run(): Promise<void> {
    const initial = readSyncState(this.ctx.conn.db);
    if (!initial) return;
    const client = this.client(initial);
    this.restartedThisRun = false;
    try {
      await this.confirmLastPush(client);
      await this.push(client);
      await this.pull(client);
      await this.download(client);
      await this.report(client);
      this.failure = null;
      this.attempt = 0;
      this.lastSuccessAt = this.ctx.now();
      this.schedule(this.options.intervalMs ?? 3 * 60_000);
    } catch (error) {
      // Nothing escapes a run: an unexpected error (a full disk, say) is shown and retried like a hub failure.
      const failure: HubFailure =
        error instanceof HubRequestError
          ? error.failure
          : {
              kind: 'refused',
              status: 0,
              code: 'INTERNAL',
              message: error instanceof Error ? error.message : String(error),
            };
      this.failure = { ...failure, at: this.ctx.now() };
      // A revoked or unknown device stops until the rep enrols again; everything else is retried.
      if (failure.kind !== 'auth')
        this.schedule(backoffDelay(this.attempt++, this.options.random, this.options.retryBaseMs));
    } finally {
      this.setPhase('idle');
    }
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => this.trigger(), delay);
    this.timer.unref?.();
  }

  private async push(client: HubClient): Promise<void> {
    const hubId = readSyncState(this.ctx.conn.db)?.identity.hubId;
    if (!hubId) return;
    const territory = readSettings(this.ctx.conn.db).territory;
    if (territory) assignTerritory(this.sqlite, territory);
    const total = pendingCount(this.sqlite);
    let done = 0;
    this.setPhase('push', { done, total });
    // A hub (or a proxy in front of it) with a smaller request limit answers 413: halve the batch and go on.
    let maxBytes = PUSH_BATCH_BYTES;
    for (let batch = nextBatch(this.sqlite, maxBytes); batch.length > 0; batch = nextBatch(this.sqlite, maxBytes)) {
      let response;
      try {
        response = await client.push(batch);
      } catch (error) {
        const tooLarge =
          error instanceof HubRequestError && error.failure.kind === 'refused' && error.failure.status === 413;
        if (tooLarge && batch.length > 1) {
          maxBytes = Math.floor(maxBytes / 2);
          continue;
        }
        if (error instanceof HubRequestError) recordPushFailure(this.sqlite, batch, error.message);
        throw error;
      }
      // The acknowledgements and where they ended in the hub's log commit together.
      this.sqlite.transaction(() => {
        recordPushResults(this.sqlite, batch, response, hubId, this.ctx.now());
        const state = readSyncState(this.ctx.conn.db);
        // Never moved back: a push logged below the last one means the hub went back (a
        // restore), and the position it lost is what the next pull must ask about.
        if (state && response.cursor && response.cursorCheck) {
          const pushedTo = highest(state.pushedTo, { cursor: response.cursor, check: response.cursorCheck });
          writeSyncState(this.ctx.conn.db, { ...state, pushedTo });
        }
      })();
      done += batch.length;
      this.setPhase('push', { done, total: Math.max(total, done) });
      // A batch the hub answered for nothing would loop forever; leave it for the next run.
      if (response.results.length === 0) break;
    }
    const state = readSyncState(this.ctx.conn.db);
    if (state) this.ctx.conn.db.transaction((tx) => writeSyncState(tx, { ...state, lastPushAt: this.ctx.now() }));
  }

  /** Where this device's pull stands, with the last push its cursor has not passed yet. */
  private position(state: SyncState) {
    const pushed = state.pushedTo && Number(state.pushedTo.cursor) > Number(state.cursor) ? state.pushedTo : null;
    return { cursor: state.cursor, check: state.cursorCheck, pushed };
  }

  /**
   * The hub lost what this device has seen (restored from a backup), and perhaps what it
   * pushed since that backup. Everything it acknowledged goes again first, so the hub has
   * it back; the pull then starts over from the hub's beginning, as when a territory is
   * added (every record is an upsert).
   */
  private async resendAfterRestore(client: HubClient, state: SyncState): Promise<void> {
    this.restartedThisRun = true;
    this.ctx.conn.db.transaction((tx) => {
      writeSyncState(tx, { ...state, cursor: '0', cursorCheck: null, pushedTo: null });
      resendAcknowledged(this.sqlite, state.identity.hubId);
    });
    await this.push(client);
  }

  /**
   * A push the last run's pull never passed (the connection broke in between) is checked
   * before anything new is pushed: a push into a hub that lost it would move the position
   * this device checks past the loss, and it would go unnoticed.
   */
  private async confirmLastPush(client: HubClient): Promise<void> {
    const state = readSyncState(this.ctx.conn.db);
    if (!state) return;
    const position = this.position(state);
    if (!position.pushed) return;
    this.setPhase('push');
    try {
      await client.pull(position, 1);
    } catch (error) {
      if (!isCursorLost(error, position)) throw error;
      await this.resendAfterRestore(client, state);
    }
  }

  private async pull(client: HubClient): Promise<void> {
    let done = 0;
    this.setPhase('pull', { done, total: 0 });
    for (;;) {
      const state = readSyncState(this.ctx.conn.db);
      if (!state) return;
      const position = this.position(state);
      let page;
      try {
        page = await client.pull(position, this.options.pullPageSize ?? 1000);
      } catch (error) {
        // Once per run: a hub that still refuses after the restart has another problem.
        if (!isCursorLost(error, position) || this.restartedThisRun) throw error;
        await this.resendAfterRestore(client, state);
        this.setPhase('pull', { done, total: 0 });
        continue;
      }
      if (page.hubId !== state.identity.hubId) {
        throw new HubRequestError({
          kind: 'refused',
          status: 409,
          code: 'HUB_CHANGED',
          message: 'The hub answering is not the one this device enrolled with.',
        });
      }
      // A territory added since the last pull: its records are behind the cursor, so the pull
      // starts over from the beginning (every record is an upsert; unpushed local edits are kept).
      const widened = scopeWidened(state.identity.scope, page.scope);
      // The page and its cursor commit together, or neither does.
      const applied = this.ctx.conn.db.transaction((tx) => {
        const result = applyChanges(this.sqlite, page.changes);
        writeSyncState(tx, {
          ...state,
          cursor: widened ? '0' : page.cursor,
          cursorCheck: widened ? null : (page.cursorCheck ?? null),
          // Once the cursor has passed the last push, its own check covers it. Starting over
          // for a new territory, the position reached is kept the same way, to be checked
          // until the pull from the start is back there.
          pushedTo: highest(
            state.pushedTo && Number(page.cursor) < Number(state.pushedTo.cursor) ? state.pushedTo : null,
            widened && page.cursorCheck ? { cursor: page.cursor, check: page.cursorCheck } : null,
          ),
          // A pull counts as recent only once it reached the end: a run cut after one page is not up to date.
          lastPullAt: page.hasMore || widened ? state.lastPullAt : this.ctx.now(),
          identity: { ...state.identity, scope: page.scope },
        });
        return result;
      });
      // Memory follows the database only after the commit.
      refreshIndexes(this.ctx, [...applied.accountIds]);
      if (page.changes.some((change) => change.kind === 'content_version')) this.ctx.library.load(this.sqlite);
      if (page.changes.length > 0) {
        this.ctx.emit('data.changed', {
          scopes: ['accounts', 'touchpoints', 'events', 'content', 'decks'],
          accountIds: [...applied.accountIds],
        });
      }
      done += page.changes.length;
      // The hub does not say how much is left: the count received is the honest progress.
      this.setPhase('pull', { done, total: 0 });
      if (!page.hasMore && !widened) return;
    }
  }

  /** The content download queue as the last run left it. */
  downloads(): DownloadItem[] {
    return this.queue;
  }

  private async download(client: HubClient): Promise<void> {
    const budget = readSettings(this.ctx.conn.db).contentBudgetMb * 1024 * 1024;
    const done = (items: DownloadItem[]) =>
      items.filter((item) => item.state === 'done' || item.state === 'failed').length;
    const outcome = await downloadContent(this.ctx, client, budget, this.refused, (items) => {
      this.queue = items;
      const received = items.reduce((sum, item) => sum + item.received, 0);
      const total = items.reduce((sum, item) => sum + item.size, 0);
      this.setPhase('download', total > 0 ? { done: received, total } : { done: done(items), total: items.length });
    });
    if (outcome.items.some((item) => item.state === 'done') || outcome.removed > 0) {
      this.ctx.emit('data.changed', { scopes: ['content', 'decks'], accountIds: [] });
    }
  }

  private async report(client: HubClient): Promise<void> {
    this.setPhase('report');
    const oldest = statement(
      this.sqlite,
      "SELECT MIN(created_at) AS at, COUNT(*) AS n FROM outbox WHERE state = 'pending'",
    ).get() as {
      at: number | null;
      n: number;
    };
    await client.report({ pendingOutbox: oldest.n, oldestPendingAt: oldest.at, lastSyncAt: this.ctx.now() });
  }
}

/** This computer: the only place plain http:// is accepted (a hub started for the demo or a test). */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function enrolmentError(error: unknown): AppError {
  if (error instanceof HubRequestError) {
    const failure = error.failure;
    if (failure.kind === 'offline') return new AppError('HUB_UNREACHABLE', failure.message, 'hubUrl');
    if (failure.kind === 'refused' && (failure.code === 'ENROLMENT_INVALID' || failure.code === 'INVALID_INPUT')) {
      return new AppError('ENROLMENT_INVALID', failure.message, 'code');
    }
    return new AppError('HUB_UNREACHABLE', failure.message, 'hubUrl');
  }
  return new AppError('INTERNAL', String(error));
}

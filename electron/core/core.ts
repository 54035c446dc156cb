import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../src/shared/contract';
import { AppError, canStartFresh, toErrorInfo, type ErrorInfo, type Result } from '../../src/shared/errors';
import { accountFacets, getAccount, indexedAccounts } from './accounts/accounts';
import { assertNoUnprotectedWork, captureHandlers } from './capture/handlers';
import { ContactMatcher } from './capture/matcher';
import { contentHandlers } from './content/handlers';
import { demoContentDir, openContent, prepareContent } from './content/open-content';
import { resolveServable } from './content/serve';
import type { ServableFile } from './content/servable';
import type { CoreContext } from './context';
import { isUnreadable, openDatabase, type Connection } from './db/connection';
import { readDatasetFile, insertDataset } from './demo/load';
import { createDispatcher, type Dispatch } from './dispatcher';
import { overview } from './journey/overview';
import { timeline } from './journey/timeline';
import { AccountSearchIndex } from './search/account-index';
import { ensureDeviceId, readSettings, updateSettings } from './settings/settings';
import { listStages } from './stages/stages';
import { SyncEngine } from './sync/engine';
import { syncHandlers } from './sync/handlers';
import { FileSecretStore, type SecretStore } from './sync/secret-store';
import { addTouchpoint } from './touchpoints/add-touchpoint';

export interface CoreOptions {
  /** Where the device token is kept (Electron: safeStorage through main). Default: a file in dataDir. */
  secrets?: SecretStore | undefined;
  /** The HTTP client for the hub (tests inject faults here). */
  fetch?: typeof fetch | undefined;
  syncIntervalMs?: number | undefined;
  /** The first wait before retrying a failed sync (tests make it long, so only their own syncs run). */
  syncRetryBaseMs?: number | undefined;
  /** Changes per pulled page (smaller pages: more, shorter transactions). */
  syncPageSize?: number | undefined;
  /** How long a hub request may take before it counts as a failure. */
  syncTimeoutMs?: number | undefined;
  /** A hub this installation was pointed at (`npm run web -- --hub URL`): the enrolment form starts with it. */
  suggestedHubUrl?: string | undefined;
  dataDir: string;
  migrationsFolder: string;
  /** Loaded into an empty database on first run (the demo dataset). */
  demoDatasetFile?: string | undefined;
  nativeBinding?: string | undefined;
  version: string;
  now?: () => number;
}

export type CoreListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  dispatch: Dispatch;
  subscribe(listener: CoreListener): () => void;
  /**
   * For Electron's content protocol and the browser host's content route (never the
   * renderer): the file of a presentable version after the hash check, or the refusal.
   */
  serveContent(versionId: unknown): Result<ServableFile>;
  close(): void;
}

type State = { kind: 'ready'; ctx: CoreContext; engine: SyncEngine } | { kind: 'recovery'; error: ErrorInfo };

export const DATABASE_FILE = 'oneteam.db';

/**
 * The core: the database, the domain modules and the dispatcher, with no Electron in
 * sight. The Electron core process, the browser test host, tests and benchmarks all run
 * exactly this.
 */
export function createCore(options: CoreOptions): Core {
  const now = options.now ?? Date.now;
  const databasePath = join(options.dataDir, DATABASE_FILE);
  const listeners = new Set<CoreListener>();
  const emit: CoreListener = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const secrets = options.secrets ?? new FileSecretStore(join(options.dataDir, 'device-token'));

  function open(): State {
    mkdirSync(options.dataDir, { recursive: true });
    let conn: Connection | undefined;
    try {
      conn = openDatabase({
        file: databasePath,
        migrationsFolder: options.migrationsFolder,
        nativeBinding: options.nativeBinding,
      });
      const { db } = conn;
      const deviceId = ensureDeviceId(db, now());
      const isEmpty = !db.$client.prepare('SELECT 1 FROM accounts LIMIT 1').get();
      const demoDir = isEmpty && options.demoDatasetFile ? demoContentDir(options.demoDatasetFile) : undefined;
      if (isEmpty && options.demoDatasetFile) {
        insertDataset(db.$client, readDatasetFile(options.demoDatasetFile), now());
        updateSettings(db, { repName: '山田 太郎' });
      }
      const { accounts, contacts } = indexedAccounts(db);
      const accountIndex = new AccountSearchIndex();
      accountIndex.load(accounts);
      const matcher = new ContactMatcher();
      matcher.load(accounts, contacts);
      const ctx: CoreContext = {
        conn,
        accountIndex,
        matcher,
        deviceId,
        now,
        emit,
        dataDir: options.dataDir,
        ...openContent(options.dataDir, conn.sqlite),
      };
      prepareContent(ctx, demoDir);
      const engine = new SyncEngine(ctx, {
        secrets,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.syncIntervalMs ? { intervalMs: options.syncIntervalMs } : {}),
        ...(options.syncRetryBaseMs ? { retryBaseMs: options.syncRetryBaseMs } : {}),
        ...(options.syncPageSize ? { pullPageSize: options.syncPageSize } : {}),
        ...(options.syncTimeoutMs ? { requestTimeoutMs: options.syncTimeoutMs } : {}),
        ...(options.suggestedHubUrl ? { suggestedHubUrl: options.suggestedHubUrl } : {}),
        onStatus: (status) => emit('sync.status', status),
      });
      engine.start();
      return { kind: 'ready', ctx, engine };
    } catch (error) {
      conn?.sqlite.close();
      // Damage SQLite only finds when it reads a page (after the open) is still an unreadable file.
      if (isUnreadable(error)) {
        const message = error instanceof Error ? error.message : String(error);
        return {
          kind: 'recovery',
          error: { code: 'DB_CORRUPT', message: `The database file cannot be read: ${message}` },
        };
      }
      return { kind: 'recovery', error: toErrorInfo(error) };
    }
  }

  let state = open();

  /** Moves the database (and its WAL) aside, kept for support, and opens a new one. */
  function startFresh(reason: 'unreadable' | 'reset'): string {
    const movedTo = `${databasePath}.${reason}-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, movedTo + suffix);
    }
    state = open();
    if (state.kind !== 'ready') throw new AppError(state.error.code, state.error.message);
    return movedTo;
  }

  function running(): { ctx: CoreContext; engine: SyncEngine } {
    if (state.kind !== 'ready') {
      throw new AppError('DB_UNAVAILABLE', `The database is not available: ${state.error.message}`);
    }
    return state;
  }
  const ready = () => running().ctx;

  const dispatch = createDispatcher({
    'app.status': () =>
      state.kind === 'ready'
        ? {
            state: 'ready',
            version: options.version,
            deviceId: state.ctx.deviceId,
            schemaVersion: state.ctx.conn.schemaVersion,
          }
        : { state: 'recovery', error: state.error, databasePath },
    'app.recover': () => {
      if (state.kind === 'ready')
        throw new AppError('INVALID_INPUT', 'The database is fine; there is nothing to recover.');
      // Only a file that cannot be read at all is moved aside. A database that is too new,
      // failed a migration or is merely unavailable is intact and may hold unsynced work:
      // starting fresh would hide that work from the app (and from sync) for good.
      if (!canStartFresh(state.error.code)) {
        throw new AppError(
          state.error.code,
          `Not starting fresh: the database is not damaged (${state.error.message}). It is kept as it is; update the app or try again.`,
        );
      }
      return { movedTo: startFresh('unreadable') };
    },
    'app.resetData': async () => {
      const { ctx, engine } = running();
      // The same rule as signing out: every queued change, not only captures.
      assertNoUnprotectedWork(ctx);
      engine.stop();
      await engine.idle();
      ctx.conn.sqlite.close();
      startFresh('reset');
      emit('data.changed', { scopes: ['accounts', 'touchpoints', 'settings', 'events', 'captures'], accountIds: [] });
      return { reset: true };
    },
    'settings.get': () => readSettings(ready().conn.db),
    'settings.update': (patch) => {
      const settings = updateSettings(ready().conn.db, patch);
      emit('data.changed', { scopes: ['settings'], accountIds: [] });
      return settings;
    },
    'stages.list': () => listStages(ready().conn.db),
    'accounts.facets': () => accountFacets(ready().conn.db),
    'accounts.search': (input) => ready().accountIndex.search(input),
    'accounts.get': ({ id }) => getAccount(ready().conn.db, id),
    'journey.timeline': (input) => timeline(ready().conn.db, input),
    'journey.overview': ({ accountId }) => overview(ready().conn.db, accountId, now()),
    'touchpoints.add': (input) => {
      const ctx = ready();
      const { repName, team } = readSettings(ctx.conn.db);
      return addTouchpoint(ctx, input, { name: repName || 'Field rep', team });
    },
    ...captureHandlers(ready),
    ...contentHandlers(ready),
    ...syncHandlers(running),
  });

  return {
    dispatch,
    serveContent(versionId) {
      try {
        return { ok: true, value: resolveServable(ready(), versionId, false) };
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (state.kind === 'ready') {
        state.engine.stop();
        state.ctx.conn.sqlite.close();
      }
      listeners.clear();
    },
  };
}

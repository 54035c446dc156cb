import { AppError } from '../../../src/shared/errors';
import { unprotectedWorkCount } from '../capture/unsynced';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import type { Handlers } from '../dispatcher';
import type { SyncEngine } from './engine';
import { listIssues, resolveIssue } from './issues';
import { readiness } from './readiness';

type SyncMethods =
  | 'sync.status'
  | 'sync.now'
  | 'sync.connectivity'
  | 'sync.enrol'
  | 'sync.signOut'
  | 'sync.pending'
  | 'sync.issues'
  | 'sync.downloads'
  | 'sync.readiness'
  | 'sync.resolve';

/** The sync screen's calls. The token never appears in any answer. */
export function syncHandlers(ready: () => { ctx: CoreContext; engine: SyncEngine }): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': () => ready().engine.status(),
    'sync.now': () => {
      const { engine } = ready();
      engine.trigger();
      return engine.status();
    },
    'sync.connectivity': ({ online }) => {
      const { engine } = ready();
      engine.connectivityChanged(online);
      return engine.status();
    },
    'sync.enrol': ({ hubUrl, code, deviceName }) => ready().engine.enrol(hubUrl, code, deviceName),
    'sync.signOut': () => {
      const { ctx, engine } = ready();
      if (engine.status().state === 'not_enrolled') throw new AppError('NOT_ENROLLED', 'This device is not enrolled.');
      return engine.signOut(unprotectedWorkCount(ctx.conn.sqlite));
    },
    'sync.pending': () => {
      const sqlite = ready().ctx.conn.sqlite;
      const byKind = statement(
        sqlite,
        "SELECT kind, COUNT(*) AS count FROM outbox WHERE state = 'pending' GROUP BY kind ORDER BY count DESC",
      ).all() as { kind: string; count: number }[];
      const summary = statement(
        sqlite,
        `SELECT MIN(created_at) AS oldestAt, COALESCE(SUM(attempts), 0) AS failedAttempts,
                (SELECT last_error FROM outbox WHERE state = 'pending' AND last_error IS NOT NULL ORDER BY rowid DESC LIMIT 1) AS lastError
           FROM outbox WHERE state = 'pending'`,
      ).get() as { oldestAt: number | null; failedAttempts: number; lastError: string | null };
      return { byKind, ...summary };
    },
    'sync.issues': () => listIssues(ready().ctx),
    'sync.downloads': () => ready().engine.downloads(),
    'sync.readiness': (input) => readiness(ready().ctx, input),
    'sync.resolve': ({ issueId, choice }) => {
      const { ctx, engine } = ready();
      const accountIds = resolveIssue(ctx, issueId, choice);
      ctx.emit('data.changed', { scopes: ['accounts'], accountIds });
      engine.trigger();
      return engine.status();
    },
  };
}

import { existsSync } from 'node:fs';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import type { Handlers } from '../dispatcher';
import { createEvent, getEvent, listEvents } from '../events/events';
import { refreshIndexes } from '../search/refresh-indexes';
import { readSettings } from '../settings/settings';
import { exportCrmCsv } from './crm-csv';
import { discardDraft, readDraft, saveDraft } from './drafts';
import { exportCaptures, importCaptures } from './encrypted-export';
import { draftFollowUps } from './follow-up-drafts';
import { listCaptures } from './list-captures';
import { matchCandidates } from './match-candidates';
import { parseScan } from './parse-scan';
import { saveCapture } from './save-capture';
import { unprotectedCaptureCount, unprotectedWorkCount } from './unsynced';

type CaptureMethods =
  | 'events.list'
  | 'events.get'
  | 'events.create'
  | 'events.delete'
  | 'capture.parseScan'
  | 'capture.match'
  | 'capture.draft.get'
  | 'capture.draft.save'
  | 'capture.draft.discard'
  | 'capture.save'
  | 'capture.list'
  | 'capture.export'
  | 'capture.import'
  | 'capture.followUps'
  | 'capture.csv';

/** Refuses a destructive action while captures exist only on this device and in no export. */
export function assertNothingUnprotected(ctx: CoreContext, eventId?: string): void {
  const count = unprotectedCaptureCount(ctx.conn.sqlite, eventId);
  if (count > 0) {
    throw new AppError(
      'UNSYNCED_WORK',
      `${count} capture(s) exist only on this device. Sync, or write an encrypted export first.`,
    );
  }
}

/**
 * Refuses an action that would drop the whole database (reset) while any queued change
 * exists only on this device and in no export: the rule signing out uses. Meeting notes,
 * contact edits, consent records and presentation records count, not only captures.
 */
export function assertNoUnprotectedWork(ctx: CoreContext): void {
  const count = unprotectedWorkCount(ctx.conn.sqlite);
  if (count > 0) {
    throw new AppError(
      'UNSYNCED_WORK',
      `${count} change(s) exist only on this device. Sync, or write an encrypted export first.`,
    );
  }
}

function safeFileName(name: string): string {
  return (
    name
      .replace(/[^\p{L}\p{N}_-]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'event'
  );
}

/** Trade-show capture: events, the capture form's calls, and the after-show tools. */
export function captureHandlers(ready: () => CoreContext): Pick<Handlers, CaptureMethods> {
  const rep = (ctx: CoreContext) => {
    const settings = readSettings(ctx.conn.db);
    return {
      name: settings.repName || 'Field rep',
      team: settings.team,
      territory: settings.territory,
      region: settings.phoneRegion,
    };
  };
  return {
    'events.list': () => listEvents(ready()),
    'events.get': ({ id }) => getEvent(ready(), id),
    'events.create': (input) => createEvent(ready(), input),
    'events.delete': ({ id }) => {
      const ctx = ready();
      getEvent(ctx, id);
      assertNothingUnprotected(ctx, id);
      // Deleting is this device's housekeeping after the show: the hub keeps the event and its journey.
      ctx.conn.sqlite.transaction(() => {
        // Consent records are kept (they are the proof); only their link to the event goes.
        statement(ctx.conn.sqlite, 'UPDATE consent_records SET event_id = NULL WHERE event_id = ?').run(id);
        statement(ctx.conn.sqlite, 'UPDATE follow_ups SET event_id = NULL WHERE event_id = ?').run(id);
        statement(
          ctx.conn.sqlite,
          'DELETE FROM follow_ups WHERE capture_id IN (SELECT id FROM captures WHERE event_id = ?)',
        ).run(id);
        statement(ctx.conn.sqlite, 'DELETE FROM captures WHERE event_id = ?').run(id);
        statement(ctx.conn.sqlite, 'DELETE FROM capture_drafts WHERE event_id = ?').run(id);
        statement(ctx.conn.sqlite, 'DELETE FROM events WHERE id = ?').run(id);
      })();
      ctx.emit('data.changed', { scopes: ['events', 'captures'], accountIds: [] });
      return { deleted: true };
    },
    'capture.parseScan': ({ text }) => parseScan(text, readSettings(ready().conn.db).phoneRegion),
    'capture.match': ({ fields }) => {
      const ctx = ready();
      return matchCandidates(ctx, fields, readSettings(ctx.conn.db).phoneRegion);
    },
    'capture.draft.get': ({ eventId }) => readDraft(ready(), eventId),
    'capture.draft.save': ({ eventId, fields }) => {
      const ctx = ready();
      getEvent(ctx, eventId, 'eventId');
      return saveDraft(ctx, eventId, fields);
    },
    'capture.draft.discard': ({ eventId }) => {
      discardDraft(ready(), eventId);
      return {};
    },
    'capture.save': ({ eventId, fields, language, captureId }) => {
      const ctx = ready();
      const saved = saveCapture(ctx, eventId, fields, rep(ctx), language, captureId);
      refreshIndexes(ctx, [saved.accountId]);
      ctx.emit('data.changed', {
        scopes: ['captures', 'events', 'touchpoints', 'accounts'],
        accountIds: [saved.accountId],
      });
      const [summary] = listCaptures(ctx, eventId, saved.id);
      if (!summary) throw new AppError('INTERNAL', 'The saved capture could not be read back.');
      return summary;
    },
    'capture.list': ({ eventId }) => {
      const ctx = ready();
      getEvent(ctx, eventId, 'eventId');
      return listCaptures(ctx, eventId);
    },
    'capture.export': ({ eventId, password }) => {
      const ctx = ready();
      if (eventId !== null) getEvent(ctx, eventId, 'eventId');
      const result = exportCaptures(ctx, eventId, password, ctx.conn.schemaVersion);
      if (!existsSync(result.file)) throw new AppError('INTERNAL', 'The export file was not written.');
      ctx.emit('data.changed', { scopes: ['events'], accountIds: [] });
      return result;
    },
    'capture.import': ({ dataBase64, password }) => {
      const ctx = ready();
      const result = importCaptures(ctx, Buffer.from(dataBase64, 'base64'), password, ctx.conn.schemaVersion);
      refreshIndexes(ctx, result.accountIds);
      ctx.emit('data.changed', {
        scopes: ['captures', 'events', 'touchpoints', 'accounts'],
        accountIds: result.accountIds,
      });
      return { captures: result.captures, alreadyPresent: result.alreadyPresent };
    },
    'capture.followUps': ({ eventId, language }) => {
      const ctx = ready();
      const event = getEvent(ctx, eventId, 'eventId');
      const result = draftFollowUps(ctx, eventId, event.name, language, rep(ctx).name);
      ctx.emit('data.changed', { scopes: ['captures'], accountIds: [] });
      return result;
    },
    'capture.csv': ({ eventId, layout }) => {
      const ctx = ready();
      const event = getEvent(ctx, eventId, 'eventId');
      return {
        fileName: `${safeFileName(event.name)}-${layout}.csv`,
        csv: exportCrmCsv(ctx, eventId, event.name, layout),
      };
    },
  };
}

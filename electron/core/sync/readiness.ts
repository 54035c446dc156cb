import type { z } from 'zod';
import type { Readiness, ReadinessCheck, ReadinessInput } from '../../../src/shared/readiness';
import { AppError } from '../../../src/shared/errors';
import { neededBlobs } from '../content/blobs';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { pendingCount } from '../outbox/outbox';
import { readSettings } from '../settings/settings';
import { readSyncState } from './sync-state';

const DAY = 86_400_000;
/** More than this many changes waiting is worth syncing before leaving. */
const SMALL_OUTBOX = 20;
/** Older than this, the journey and the content may have moved on without this device. */
const RECENT_PULL = DAY;

function endOfDay(iso: string): number {
  return Date.parse(`${iso}T23:59:59`);
}

/**
 * "Is this laptop ready?" before a show or a visit, answered from what is on the device:
 * the approved content for the stage and industry is here and intact, nothing in the
 * rep's decks expires before the day is over, little is waiting to be sent, the disk
 * budget holds, the consent text is the hub's current one, and the last pull is recent.
 */
export function readiness(ctx: CoreContext, input: z.output<typeof ReadinessInput>): Readiness {
  const sqlite = ctx.conn.sqlite;
  const now = ctx.now();
  let subject: string;
  let until: number;
  let stage: string | undefined;
  let industry: string | undefined;
  let consent: { text: string; version: string } | null = null;
  if (input.eventId) {
    const event = statement(sqlite, 'SELECT name, ends_on, consent_text, consent_version FROM events WHERE id = ?').get(
      input.eventId,
    ) as { name: string; ends_on: string; consent_text: string; consent_version: string } | undefined;
    if (!event) throw new AppError('NOT_FOUND', `There is no event "${input.eventId}".`, 'eventId');
    subject = event.name;
    until = endOfDay(event.ends_on);
    consent = { text: event.consent_text, version: event.consent_version };
  } else {
    const account = statement(sqlite, 'SELECT name, stage_code, industry FROM accounts WHERE id = ?').get(
      input.accountId,
    ) as { name: string; stage_code: string; industry: string } | undefined;
    if (!account) throw new AppError('NOT_FOUND', `There is no account "${input.accountId}".`, 'accountId');
    subject = account.name;
    until = now + DAY;
    stage = account.stage_code;
    industry = account.industry;
  }

  const checks: ReadinessCheck[] = [];

  // Content: every item that may be shown now, for the stage and industry, is here, intact and showable.
  // Expired, retired and superseded items are not asked for: their files are deleted on purpose.
  const relevant = ctx.library
    .search(
      {
        query: '',
        presentableOnly: false,
        offset: 0,
        limit: 200,
        ...(stage ? { stage } : {}),
        ...(industry ? { industry } : {}),
      },
      now,
    )
    .items.flatMap((item) => {
      const version = ctx.library.get(item.shown.versionId);
      return version && !ctx.library.validityOf(version, now) ? [{ title: item.shown.title, version }] : [];
    });
  // Looked at on disk now (size and time; a changed file is hashed again), and with the verdict of its
  // structural check (a file that cannot be rendered is not ready either).
  const missing = relevant.filter(
    ({ version }) =>
      ctx.library.problemOf(version, now) !== null || ctx.content.verify(version.sha256, false).state !== 'intact',
  );
  checks.push({
    id: 'content',
    ok: missing.length === 0,
    facts: { total: relevant.length, missing: missing.length },
    items: missing.map(({ title }) => title),
  });

  // Decks: nothing a rep may show expires before the day is over.
  const deckItems = statement(
    sqlite,
    'SELECT d.name AS deck, i.item_id AS itemId FROM deck_items i JOIN decks d ON d.id = i.deck_id',
  ).all() as {
    deck: string;
    itemId: string;
  }[];
  const expiring = deckItems.flatMap(({ deck, itemId }) => {
    const version = ctx.library.current(itemId, now);
    if (!version) return [];
    // Retired or expired already (current() falls back to such a version), or before the day is over.
    if (!ctx.library.validityOf(version, now) && (version.validUntil === null || version.validUntil > until)) return [];
    return [`${deck}: ${version.title}`];
  });
  checks.push({ id: 'deck_validity', ok: expiring.length === 0, facts: { count: expiring.length }, items: expiring });

  const pending = pendingCount(sqlite);
  checks.push({ id: 'outbox', ok: pending <= SMALL_OUTBOX, facts: { pending }, items: [] });

  // Disk: what is stored plus what still has to come fits in the budget.
  const budget = readSettings(ctx.conn.db).contentBudgetMb * 1024 * 1024;
  const needed = neededBlobs(ctx);
  const toCome = needed.reduce((sum, blob) => sum + blob.size, 0);
  // A damaged file still on disk is replaced by its download: counted once, as to come.
  const stored = (
    statement(
      sqlite,
      'SELECT COALESCE(SUM(size), 0) AS n FROM content_files WHERE sha256 NOT IN (SELECT value FROM json_each(?))',
    ).get(JSON.stringify(needed.map(({ sha256 }) => sha256))) as { n: number }
  ).n;
  checks.push({
    id: 'disk',
    ok: stored + toCome <= budget,
    facts: {
      usedMb: Math.ceil(stored / 1_048_576),
      neededMb: Math.ceil(toCome / 1_048_576),
      budgetMb: Math.round(budget / 1_048_576),
    },
    items: [],
  });

  const sync = readSyncState(ctx.conn.db);
  const lastPull = sync?.lastPullAt ?? null;
  const pulledRecently = lastPull !== null && now - lastPull <= RECENT_PULL;
  if (consent) {
    // The consent wording comes with the event from the hub; it is current if the event was pulled recently.
    const ok = consent.text.trim() !== '' && consent.version.trim() !== '' && (sync === null || pulledRecently);
    checks.push({ id: 'consent', ok, facts: { version: consent.version }, items: [] });
  }
  checks.push({ id: 'last_pull', ok: pulledRecently, facts: { at: lastPull ?? 0, enrolled: sync ? 1 : 0 }, items: [] });

  return { subject, until, ready: checks.every((check) => check.ok), checks };
}

import { z } from 'zod';
import {
  Attendee,
  ContentProblem,
  PAGE_SEEN_MS,
  PresenterSlide,
  PROBLEM_CODES,
  SlideTime,
  type DeckEntry,
  type PresentationSummary,
  type PresentedDetails,
  type PresentedPage,
  type PresenterChanged,
  type PresenterSession,
} from '../../../src/shared/content';
import type { ParsedInput } from '../../../src/shared/contract';
import { LIMITS } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { newId } from '../ids';
import { readSettings } from '../settings/settings';
import { insertTouchpoint } from '../touchpoints/add-touchpoint';
import { getDeck, resolveEntry } from './decks';
import { checkFile } from './file-states';
import { refuse } from './serve';
import { closeStretch, emptyTimes } from './slide-times';

interface PresentationRow {
  id: string;
  deck_id: string | null;
  deck_name: string | null;
  account_id: string | null;
  event_id: string | null;
  attendees: string;
  slides: string;
  language: string;
  position: number;
  blank: number;
  paused: number;
  shown_at: number | null;
  slide_times: string;
  started_at: number;
  last_active_at: number;
  ended_at: number | null;
}

const LeftOut = z.object({ title: z.string(), reason: z.union([ContentProblem, z.literal('missing_version')]) });
/** The snapshot taken at start: the slides shown, and the deck entries that could not be. */
const Snapshot = z.object({ slides: z.array(PresenterSlide), leftOut: z.array(LeftOut) });
const Attendees = z.array(Attendee);
const Times = z.array(SlideTime);

interface Parsed {
  row: PresentationRow;
  snapshot: z.infer<typeof Snapshot>;
  attendees: Attendee[];
  times: SlideTime[];
}

function parse(row: PresentationRow): Parsed {
  return {
    row,
    snapshot: Snapshot.parse(JSON.parse(row.slides)),
    attendees: Attendees.parse(JSON.parse(row.attendees)),
    times: Times.parse(JSON.parse(row.slide_times)),
  };
}

const COLUMNS =
  'id, deck_id, deck_name, account_id, event_id, attendees, slides, language, position, blank, paused, shown_at, slide_times, started_at, last_active_at, ended_at';

function load(ctx: CoreContext, sessionId: string): Parsed {
  const row = statement(ctx.conn.sqlite, `SELECT ${COLUMNS} FROM presentations WHERE id = ?`).get(sessionId) as
    PresentationRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no presentation "${sessionId}".`, 'sessionId');
  return parse(row);
}

function loadRunning(ctx: CoreContext, sessionId: string): Parsed {
  const parsed = load(ctx, sessionId);
  if (parsed.row.ended_at !== null) {
    throw new AppError('PRESENTATION_ENDED', 'This presentation has ended; its touchpoints are written.');
  }
  return parsed;
}

function running(ctx: CoreContext): Parsed[] {
  return (
    statement(
      ctx.conn.sqlite,
      `SELECT ${COLUMNS} FROM presentations WHERE ended_at IS NULL ORDER BY started_at`,
    ).all() as PresentationRow[]
  ).map(parse);
}

/** The current stretch, while it runs, counts too. */
function timesNow({ row, times }: Parsed, now: number): SlideTime[] {
  return row.ended_at === null ? closeStretch(times, row.position, row.blank ? null : row.shown_at, now) : times;
}

function toSession(parsed: Parsed, now: number): PresenterSession {
  const { row, snapshot, attendees } = parsed;
  return {
    id: row.id,
    deckName: row.deck_name,
    attendees,
    slides: snapshot.slides,
    position: row.position,
    blank: row.blank === 1,
    paused: row.paused === 1,
    startedAt: row.started_at,
    times: timesNow(parsed, now),
    leftOut: snapshot.leftOut,
    ended: row.ended_at !== null,
  };
}

/** What the audience screen may know: which file and page, or blank. No titles, notes or names. */
function audienceState({ row, snapshot }: Parsed): PresenterChanged {
  const slide = snapshot.slides[row.position];
  const ended = row.ended_at !== null;
  return {
    sessionId: row.id,
    position: row.position,
    total: snapshot.slides.length,
    blank: row.blank === 1,
    paused: row.paused === 1,
    slide:
      slide && !ended && row.blank === 0
        ? { versionId: slide.versionId, kind: slide.kind, mime: slide.mime, page: slide.page }
        : null,
    ended,
  };
}

function attendeesOf(ctx: CoreContext, input: ParsedInput<'presenter.start'>): Attendee[] {
  const sqlite = ctx.conn.sqlite;
  if (input.accountId !== undefined && !statement(sqlite, 'SELECT 1 FROM accounts WHERE id = ?').get(input.accountId)) {
    throw new AppError('NOT_FOUND', `There is no account "${input.accountId}".`, 'accountId');
  }
  if (input.eventId !== undefined && !statement(sqlite, 'SELECT 1 FROM events WHERE id = ?').get(input.eventId)) {
    throw new AppError('NOT_FOUND', `There is no event "${input.eventId}".`, 'eventId');
  }
  return [...new Set(input.attendeeIds)].map((contactId, index) => {
    const row = statement(
      sqlite,
      `SELECT c.id, c.name, c.account_id, a.name AS account_name FROM contacts c JOIN accounts a ON a.id = c.account_id
        WHERE c.id = ?`,
    ).get(contactId) as { id: string; name: string; account_id: string; account_name: string } | undefined;
    if (!row || (input.accountId !== undefined && row.account_id !== input.accountId)) {
      throw new AppError('UNKNOWN_CONTACT', `Contact "${contactId}" is not at this account.`, `attendeeIds.${index}`);
    }
    return { contactId: row.id, accountId: row.account_id, name: row.name, accountName: row.account_name };
  });
}

/** Deck entries (or the one item) with the file of each checked in full, right before anything is shown. */
function buildSlides(ctx: CoreContext, entries: DeckEntry[]): z.infer<typeof Snapshot> {
  const slides: PresenterSlide[] = [];
  const leftOut: z.infer<typeof LeftOut>[] = [];
  for (const entry of entries) {
    const version = entry.version ? ctx.library.get(entry.version.versionId) : undefined;
    const title = entry.version?.title ?? entry.itemId;
    if (!version || entry.reason !== null || entry.pages.length === 0) {
      leftOut.push({ title, reason: entry.reason ?? 'missing_version' });
      continue;
    }
    const file = checkFile(ctx, version, true);
    if (file.problem !== null) {
      leftOut.push({ title, reason: file.problem });
      continue;
    }
    for (const page of entry.pages) {
      slides.push({
        versionId: version.id,
        itemId: version.itemId,
        kind: version.kind,
        mime: version.mime,
        page,
        title: version.title,
        version: version.version,
        pageCount: version.pageCount,
        notes: entry.notes,
        keyMessages: version.keyMessages,
      });
    }
  }
  return { slides, leftOut };
}

/**
 * Starts presenting a deck (or one library item) to attendees from an account's buying
 * committee or an event's visitors. Every file is hash-checked now; whatever cannot be
 * shown is left out and listed. A presentation still running is ended first (its
 * touchpoints written): there is one audience screen.
 */
export function startPresentation(ctx: CoreContext, input: ParsedInput<'presenter.start'>): PresenterSession {
  const attendees = attendeesOf(ctx, input);
  const now = ctx.now();
  let entries: DeckEntry[];
  let deckName: string | null = null;
  if (input.deckId !== undefined) {
    const deck = getDeck(ctx, input.deckId);
    entries = deck.entries;
    deckName = deck.name;
  } else {
    const itemId = input.itemId ?? '';
    const current = ctx.library.current(itemId, now);
    if (!current) throw new AppError('CONTENT_VERSION_MISSING', `There is no content item "${itemId}".`, 'itemId');
    entries = [
      resolveEntry(
        ctx,
        { position: 0, item_id: itemId, version_id: current.id, page_from: null, page_to: null, notes: '' },
        now,
      ),
    ];
  }
  const snapshot = buildSlides(ctx, entries);
  if (snapshot.slides.length === 0) {
    const only = snapshot.leftOut.length === 1 ? snapshot.leftOut[0] : undefined;
    if (input.itemId !== undefined && only && only.reason !== 'missing_version') {
      throw new AppError(PROBLEM_CODES[only.reason], `"${only.title}" cannot be presented: ${only.reason}.`);
    }
    throw new AppError('DECK_EMPTY', 'Nothing in this deck can be shown now.');
  }
  for (const other of running(ctx)) finish(ctx, other, endOf(other, now), false);

  const id = newId(now);
  statement(
    ctx.conn.sqlite,
    `INSERT INTO presentations (id, deck_id, deck_name, account_id, event_id, attendees, slides, language, position, blank,
                                shown_at, slide_times, started_at, last_active_at, ended_at, recovered, touchpoint_ids)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, NULL, 0, NULL)`,
  ).run(
    id,
    input.deckId ?? null,
    deckName,
    input.accountId ?? null,
    input.eventId ?? null,
    JSON.stringify(attendees),
    JSON.stringify(snapshot),
    input.language,
    now,
    JSON.stringify(emptyTimes(snapshot.slides.length)),
    now,
    now,
  );
  const started = load(ctx, id);
  ctx.emit('presenter.changed', audienceState(started));
  return toSession(started, now);
}

export function getPresentation(ctx: CoreContext, sessionId: string): PresenterSession {
  return toSession(load(ctx, sessionId), ctx.now());
}

export function currentAudience(ctx: CoreContext): PresenterChanged | null {
  const latest = running(ctx).at(-1);
  return latest ? audienceState(latest) : null;
}

/**
 * A page turn (or blank / unblank). The stretch on the slide being left is added to its
 * time and the new state saved before the audience screen is told, so a crash loses no
 * more than the running stretch since the last heartbeat.
 */
export function showSlide(ctx: CoreContext, sessionId: string, position: number, blank: boolean): PresenterChanged {
  const parsed = loadRunning(ctx, sessionId);
  const { row, snapshot } = parsed;
  if (position >= snapshot.slides.length) {
    throw new AppError('INVALID_INPUT', `The presentation has ${snapshot.slides.length} slides.`, 'position');
  }
  const now = ctx.now();
  // A version that expired (or was superseded) since the presentation started is not put on screen.
  const slide = snapshot.slides[position];
  const version = slide && !blank ? ctx.library.get(slide.versionId) : undefined;
  const validity = version ? ctx.library.validityOf(version, now) : null;
  if (version && validity) refuse(version, validity);
  const unchanged = position === row.position && blank === (row.blank === 1);
  // Asking for the slide already on screen keeps its stretch running (the audience window may echo a turn).
  const times = unchanged ? parsed.times : timesNow(parsed, now);
  const shownAt = unchanged ? row.shown_at : blank ? null : now;
  // A slide put on screen again starts playing: a pause belongs to the showing it was made in.
  statement(
    ctx.conn.sqlite,
    `UPDATE presentations SET position = ?, blank = ?, paused = paused AND ?, shown_at = ?, slide_times = ?,
                              last_active_at = ? WHERE id = ?`,
  ).run(position, blank ? 1 : 0, unchanged ? 1 : 0, shownAt, JSON.stringify(times), now, sessionId);
  const state = audienceState(load(ctx, sessionId));
  ctx.emit('presenter.changed', state);
  return state;
}

/**
 * Pauses or resumes the video on screen, in every window: the audience window has no play
 * bar, so the presenter's Pause is the only way to stop a video the room is watching.
 */
export function setPlayback(ctx: CoreContext, sessionId: string, paused: boolean): PresenterChanged {
  const { row, snapshot } = loadRunning(ctx, sessionId);
  if (snapshot.slides[row.position]?.kind !== 'video' || row.blank === 1) {
    throw new AppError('NOT_A_VIDEO', 'There is no video on screen to pause or play.', 'paused');
  }
  statement(ctx.conn.sqlite, 'UPDATE presentations SET paused = ?, last_active_at = ? WHERE id = ?').run(
    paused ? 1 : 0,
    ctx.now(),
    sessionId,
  );
  const state = audienceState(load(ctx, sessionId));
  ctx.emit('presenter.changed', state);
  return state;
}

export function heartbeat(ctx: CoreContext, sessionId: string): number {
  loadRunning(ctx, sessionId);
  const now = ctx.now();
  statement(ctx.conn.sqlite, 'UPDATE presentations SET last_active_at = ? WHERE id = ?').run(now, sessionId);
  return now;
}

export function endPresentation(ctx: CoreContext, sessionId: string): PresentationSummary {
  const parsed = loadRunning(ctx, sessionId);
  return finish(ctx, parsed, endOf(parsed, ctx.now()), false);
}

/** The presenter screen beats every 5 s; a presentation silent for longer was left, not running. */
const LEFT_AFTER_MS = 30_000;

/**
 * When a presentation ended: now, or, if the presenter screen was left without ending it,
 * its last page turn or heartbeat, as crash recovery does. Otherwise the slide on screen
 * would be credited with the hours until the next presentation.
 */
function endOf(parsed: Parsed, now: number): number {
  return now - parsed.row.last_active_at > LEFT_AFTER_MS ? parsed.row.last_active_at : now;
}

/**
 * On start: presentations the app stopped in the middle of are ended as of their last
 * page turn or heartbeat, and their touchpoints written, marked as recovered.
 */
export function recoverPresentations(ctx: CoreContext): PresentationSummary[] {
  return running(ctx).map((parsed) => finish(ctx, parsed, parsed.row.last_active_at, true));
}

const SUMMARY = {
  ja: (name: string, pages: number) => `「${name}」を提示（${pages}ページ）`,
  en: (name: string, pages: number) => `Presented “${name}” (${pages} ${pages === 1 ? 'page' : 'pages'} seen)`,
};

/** The pages list, trimmed to the seen pages if a very long presentation would not fit the hub's details limit. */
function fitDetails(details: PresentedDetails): PresentedDetails {
  if (JSON.stringify(details).length <= LIMITS.detailsJson) return details;
  return { ...details, pages: details.pages.filter((page) => page.seen) };
}

/**
 * Ends a presentation as of `until` and writes one "content presented" touchpoint per
 * attendee (at the attendee's own account) with the deck, the versions of which a page
 * was seen, every page shown with its seconds, and the key messages covered — all in one
 * transaction with the presentation's end. Nothing seen for 2 s: nothing is written.
 */
function finish(ctx: CoreContext, parsed: Parsed, until: number, recovered: boolean): PresentationSummary {
  const { row, snapshot, attendees } = parsed;
  const times = closeStretch(parsed.times, row.position, row.blank ? null : row.shown_at, until);
  const pages: PresentedPage[] = snapshot.slides.flatMap((slide, index) => {
    const time = times[index];
    if (!time || time.totalMs === 0) return [];
    return [
      {
        versionId: slide.versionId,
        page: slide.page,
        seconds: Math.round(time.totalMs / 1000),
        seen: time.longestMs >= PAGE_SEEN_MS,
      },
    ];
  });
  const seenVersions = [...new Set(pages.filter((page) => page.seen).map((page) => page.versionId))];
  const keyMessagesCovered = [
    ...new Set(
      seenVersions.flatMap(
        (versionId) => snapshot.slides.find((slide) => slide.versionId === versionId)?.keyMessages ?? [],
      ),
    ),
  ];
  const pagesSeen = pages.filter((page) => page.seen).length;
  const durationSeconds = Math.round(Math.max(0, until - row.started_at) / 1000);
  const details = fitDetails({
    presentationId: row.id,
    deckName: row.deck_name,
    eventId: row.event_id,
    durationSeconds,
    pages,
    keyMessagesCovered,
    attendeeCount: attendees.length,
    recovered,
  });
  const language = row.language === 'ja' ? 'ja' : 'en';
  const summary = SUMMARY[language](row.deck_name ?? snapshot.slides[0]?.title ?? '', pagesSeen);
  const { repName, team } = readSettings(ctx.conn.db);
  const now = ctx.now();
  const touchpointIds: string[] = [];
  const accountIds = new Set<string>();
  const sqlite = ctx.conn.sqlite;

  ctx.conn.db.transaction((tx) => {
    for (const attendee of seenVersions.length > 0 ? attendees : []) {
      const account = statement(
        sqlite,
        'SELECT a.stage_code FROM contacts c JOIN accounts a ON a.id = c.account_id WHERE c.id = ? AND a.id = ?',
      ).get(attendee.contactId, attendee.accountId) as { stage_code: string } | undefined;
      // A contact removed since the start (by a sync) gets no touchpoint; the others still do.
      if (!account) continue;
      const id = newId(now);
      insertTouchpoint(
        tx,
        {
          id,
          accountId: attendee.accountId,
          occurredAt: row.started_at,
          channel: 'content_presented',
          team,
          stageCode: account.stage_code,
          summary,
          details,
          author: repName || 'Field rep',
          originDevice: ctx.deviceId,
          supersedesId: null,
          createdAt: now,
        },
        [attendee.contactId],
        seenVersions,
      );
      touchpointIds.push(id);
      accountIds.add(attendee.accountId);
    }
    statement(
      sqlite,
      `UPDATE presentations SET ended_at = ?, shown_at = NULL, slide_times = ?, last_active_at = ?, recovered = ?,
                                touchpoint_ids = ? WHERE id = ?`,
    ).run(until, JSON.stringify(times), until, recovered ? 1 : 0, JSON.stringify(touchpointIds), row.id);
  });

  if (accountIds.size > 0) ctx.emit('data.changed', { scopes: ['touchpoints'], accountIds: [...accountIds] });
  ctx.emit('presenter.changed', audienceState(load(ctx, row.id)));
  return { id: row.id, touchpointIds, pagesSeen, durationSeconds, keyMessagesCovered };
}

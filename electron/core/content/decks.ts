import type { z } from 'zod';
import type { Deck, DeckEntry, DeckSaveInput, DeckSummary } from '../../../src/shared/content';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { newId } from '../ids';

interface DeckRow {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

interface DeckItemRow {
  position: number;
  item_id: string;
  version_id: string;
  page_from: number | null;
  page_to: number | null;
  notes: string;
}

/** The pages an entry puts on screen: its range clamped to the version's pages, or the whole of it. */
function pagesOf(pageCount: number | null, from: number | null, to: number | null): (number | null)[] {
  if (pageCount === null) return [null];
  const first = Math.max(1, from ?? 1);
  const last = Math.min(pageCount, to ?? pageCount);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, index) => first + index);
}

/**
 * How one deck entry stands now. The deck names items, so it uses each item's current
 * version automatically; a different page count than the version the rep reviewed flags
 * it for review; anything that cannot be shown now drops out with its reason.
 */
export function resolveEntry(ctx: CoreContext, row: DeckItemRow, now: number): DeckEntry {
  const reviewed = ctx.library.get(row.version_id);
  const base = {
    position: row.position,
    itemId: row.item_id,
    reviewedVersionId: row.version_id,
    reviewedVersion: reviewed?.version ?? null,
    reviewedPageCount: reviewed?.pageCount ?? null,
    pageFrom: row.page_from,
    pageTo: row.page_to,
    notes: row.notes,
  };
  const current = ctx.library.current(row.item_id, now);
  if (!current) return { ...base, state: 'missing', reason: 'missing_version', version: null, pages: [] };
  const version = ctx.library.describe(current, now);
  if (version.problem !== null) return { ...base, state: 'dropped', reason: version.problem, version, pages: [] };
  const pages = pagesOf(current.pageCount, row.page_from, row.page_to);
  const state =
    reviewed?.id === current.id
      ? 'current'
      : reviewed?.itemId !== row.item_id || reviewed.pageCount !== current.pageCount || pages.length === 0
        ? 'needs_review'
        : 'updated';
  return { ...base, state, reason: null, version, pages };
}

function itemRows(ctx: CoreContext, deckId: string): DeckItemRow[] {
  return statement(
    ctx.conn.sqlite,
    'SELECT position, item_id, version_id, page_from, page_to, notes FROM deck_items WHERE deck_id = ? ORDER BY position',
  ).all(deckId) as DeckItemRow[];
}

function deckRow(ctx: CoreContext, id: string): DeckRow {
  const row = statement(ctx.conn.sqlite, 'SELECT id, name, created_at, updated_at FROM decks WHERE id = ?').get(id) as
    DeckRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no deck "${id}".`, 'id');
  return row;
}

export function getDeck(ctx: CoreContext, id: string): Deck {
  const row = deckRow(ctx, id);
  const now = ctx.now();
  const entries = itemRows(ctx, id).map((item) => resolveEntry(ctx, item, now));
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    entries,
    needsReview: entries.some((entry) => entry.state === 'needs_review'),
    slideCount: entries.reduce((sum, entry) => sum + entry.pages.length, 0),
  };
}

export function listDecks(ctx: CoreContext): DeckSummary[] {
  const rows = statement(ctx.conn.sqlite, 'SELECT id FROM decks ORDER BY updated_at DESC').all() as { id: string }[];
  return rows.map(({ id }) => {
    const deck = getDeck(ctx, id);
    return {
      id: deck.id,
      name: deck.name,
      updatedAt: deck.updatedAt,
      itemCount: deck.entries.length,
      slideCount: deck.slideCount,
      needsReview: deck.needsReview,
      dropped: deck.entries.filter((entry) => entry.state === 'dropped' || entry.state === 'missing').length,
    };
  });
}

/**
 * Refuses entries that name content this device does not have, or pages the version does
 * not have. Entries the deck already holds unchanged (same version and pages) are let
 * through: a deck synced from another device may name a version that has not arrived
 * here, and saving the deck must not lose it. A changed page range is checked like a new entry.
 */
function validate(ctx: CoreContext, items: z.output<typeof DeckSaveInput>['items'], kept: DeckItemRow[]): void {
  items.forEach((item, index) => {
    const unchanged = (row: DeckItemRow) =>
      row.item_id === item.itemId &&
      row.version_id === item.versionId &&
      row.page_from === item.pageFrom &&
      row.page_to === item.pageTo;
    if (kept.some(unchanged)) return;
    const version = ctx.library.get(item.versionId);
    if (!version || version.itemId !== item.itemId) {
      throw new AppError(
        'CONTENT_VERSION_MISSING',
        `Item "${item.itemId}" has no version "${item.versionId}" on this device.`,
        `items.${index}.versionId`,
      );
    }
    const ranged = item.pageFrom !== null || item.pageTo !== null;
    if (ranged && version.pageCount === null) {
      throw new AppError('INVALID_INPUT', 'Only PDFs have pages to choose from.', `items.${index}.pageFrom`);
    }
    if (
      version.pageCount !== null &&
      ((item.pageFrom ?? 1) > version.pageCount || (item.pageTo ?? 1) > version.pageCount)
    ) {
      throw new AppError(
        'INVALID_INPUT',
        `"${version.title}" v${version.version} has ${version.pageCount} pages.`,
        `items.${index}.${(item.pageFrom ?? 1) > version.pageCount ? 'pageFrom' : 'pageTo'}`,
      );
    }
  });
}

/**
 * Creates or replaces a deck in one transaction (synchronous=FULL: saved means on disk).
 * Decks are this rep's own and stay on the device: the hub has no deck mutation yet.
 */
export function saveDeck(ctx: CoreContext, input: z.output<typeof DeckSaveInput>): Deck {
  validate(ctx, input.items, input.id === undefined ? [] : itemRows(ctx, input.id));
  const sqlite = ctx.conn.sqlite;
  const now = ctx.now();
  const id = input.id ?? newId(now);
  sqlite.transaction(() => {
    if (input.id !== undefined) {
      deckRow(ctx, input.id);
      statement(sqlite, 'UPDATE decks SET name = ?, updated_at = ? WHERE id = ?').run(input.name, now, id);
      statement(sqlite, 'DELETE FROM deck_items WHERE deck_id = ?').run(id);
    } else {
      statement(sqlite, 'INSERT INTO decks (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
        id,
        input.name,
        now,
        now,
      );
    }
    const insert = statement(
      sqlite,
      `INSERT INTO deck_items (deck_id, position, item_id, version_id, page_from, page_to, notes)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    input.items.forEach((item, position) =>
      insert.run(id, position, item.itemId, item.versionId, item.pageFrom, item.pageTo, item.notes),
    );
  })();
  ctx.emit('data.changed', { scopes: ['decks'], accountIds: [] });
  return getDeck(ctx, id);
}

/** Takes the versions the deck uses now as reviewed: page ranges are kept, clamped to the new page count. */
export function reviewDeck(ctx: CoreContext, id: string): Deck {
  const deck = getDeck(ctx, id);
  return saveDeck(ctx, {
    id,
    name: deck.name,
    items: deck.entries.map((entry) => {
      const version = entry.state === 'missing' || entry.state === 'dropped' ? null : entry.version;
      const pageCount = version?.pageCount ?? null;
      const clamp = (page: number | null) => (page === null || pageCount === null ? null : Math.min(page, pageCount));
      return {
        itemId: entry.itemId,
        versionId: version?.versionId ?? entry.reviewedVersionId,
        pageFrom: version ? clamp(entry.pageFrom) : entry.pageFrom,
        pageTo: version ? clamp(entry.pageTo) : entry.pageTo,
        notes: entry.notes,
      };
    }),
  });
}

export function deleteDeck(ctx: CoreContext, id: string): void {
  deckRow(ctx, id);
  const sqlite = ctx.conn.sqlite;
  sqlite.transaction(() => {
    statement(sqlite, 'DELETE FROM deck_items WHERE deck_id = ?').run(id);
    statement(sqlite, 'DELETE FROM decks WHERE id = ?').run(id);
  })();
  ctx.emit('data.changed', { scopes: ['decks'], accountIds: [] });
}

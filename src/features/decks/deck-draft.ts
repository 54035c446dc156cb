import type { Deck, DeckEntry, DeckItemInput, LibraryItem, LibraryVersion } from '../../shared/content';

/** One entry as the editor holds it: what is saved, plus what to show about it. */
export interface DraftEntry {
  /** Stable across reordering, for React keys and focus. */
  key: string;
  itemId: string;
  versionId: string;
  pageFrom: number | null;
  pageTo: number | null;
  notes: string;
  /** The version the deck uses now (or the item's best one when it dropped out). */
  version: LibraryVersion | null;
  /** How the saved entry stands; `new` until the deck is saved. */
  state: DeckEntry['state'] | 'new';
  reason: DeckEntry['reason'];
  reviewedVersion: number | null;
  reviewedPageCount: number | null;
}

let counter = 0;
const nextKey = () => `entry-${++counter}`;

export function fromDeck(deck: Deck): DraftEntry[] {
  return deck.entries.map((entry) => ({
    key: nextKey(),
    itemId: entry.itemId,
    versionId: entry.reviewedVersionId,
    pageFrom: entry.pageFrom,
    pageTo: entry.pageTo,
    notes: entry.notes,
    version: entry.version,
    state: entry.state,
    reason: entry.reason,
    reviewedVersion: entry.reviewedVersion,
    reviewedPageCount: entry.reviewedPageCount,
  }));
}

export function fromLibrary(item: LibraryItem): DraftEntry {
  return {
    key: nextKey(),
    itemId: item.itemId,
    versionId: item.shown.versionId,
    pageFrom: null,
    pageTo: null,
    notes: '',
    version: item.shown,
    state: 'new',
    reason: null,
    reviewedVersion: item.shown.version,
    reviewedPageCount: item.shown.pageCount,
  };
}

/** What decks.save receives: only what the rep chose, in order. */
export function toInput(entries: DraftEntry[]): DeckItemInput[] {
  return entries.map(({ itemId, versionId, pageFrom, pageTo, notes }) => ({
    itemId,
    versionId,
    pageFrom,
    pageTo,
    notes,
  }));
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import type { Handlers } from '../dispatcher';
import { deleteDeck, getDeck, listDecks, reviewDeck, saveDeck } from './decks';
import { recordFile } from './file-states';
import {
  currentAudience,
  endPresentation,
  getPresentation,
  heartbeat,
  setPlayback,
  showSlide,
  startPresentation,
} from './presentations';
import { recommend } from './recommend';
import { resolveServable, versionById } from './serve';

type ContentMethods =
  | 'content.presentable'
  | 'content.library'
  | 'content.facets'
  | 'content.item'
  | 'content.recommended'
  | 'content.open'
  | 'content.reportProblem'
  | 'decks.list'
  | 'decks.get'
  | 'decks.save'
  | 'decks.review'
  | 'decks.delete'
  | 'presenter.start'
  | 'presenter.get'
  | 'presenter.show'
  | 'presenter.playback'
  | 'presenter.heartbeat'
  | 'presenter.end'
  | 'presenter.current'
  | 'presenter.window';

/** The content library, custom decks and presenter mode. */
export function contentHandlers(ready: () => CoreContext): Pick<Handlers, ContentMethods> {
  return {
    // What a follow-up may cite: each item's shown version, only when presentable now (the full rule, file included).
    'content.presentable': () => {
      const ctx = ready();
      const now = ctx.now();
      return ctx.library.itemIds().flatMap((itemId) => {
        const version = ctx.library.current(itemId, now);
        if (!version || ctx.library.problemOf(version, now) !== null) return [];
        const { id: versionId, title, language, validUntil } = version;
        return [{ versionId, itemId, title, version: version.version, language, validUntil }];
      });
    },
    'content.library': (input) => {
      const ctx = ready();
      return ctx.library.search(input, ctx.now());
    },
    'content.facets': () => ready().library.facets(),
    'content.item': ({ itemId }) => {
      const ctx = ready();
      const now = ctx.now();
      const item = ctx.library.item(itemId, now);
      if (!item) throw new AppError('CONTENT_VERSION_MISSING', `There is no content item "${itemId}".`, 'itemId');
      const versions = ctx.library.versionsOf(itemId).map((version) => ctx.library.describe(version, now));
      return { item, versions: versions.reverse() };
    },
    'content.recommended': ({ accountId, contactIds }) => recommend(ready(), accountId, contactIds),
    'content.open': ({ versionId }) => {
      const ctx = ready();
      resolveServable(ctx, versionId, true);
      return ctx.library.describe(versionById(ctx, versionId), ctx.now());
    },
    'content.reportProblem': ({ versionId, problem }) => {
      const ctx = ready();
      const version = versionById(ctx, versionId);
      if (version.kind !== 'pdf') throw new AppError('INVALID_INPUT', 'Only a PDF can fail to render.', 'versionId');
      // Only a file that passes the hash check is marked: a damaged one is "corrupted", not this.
      resolveServable(ctx, versionId, true);
      recordFile(ctx, version.sha256, version.size, problem);
      return { problem };
    },
    'decks.list': () => listDecks(ready()),
    'decks.get': ({ id }) => getDeck(ready(), id),
    'decks.save': (input) => saveDeck(ready(), input),
    'decks.review': ({ id }) => reviewDeck(ready(), id),
    'decks.delete': ({ id }) => {
      deleteDeck(ready(), id);
      return { deleted: true };
    },
    'presenter.start': (input) => startPresentation(ready(), input),
    'presenter.get': ({ sessionId }) => getPresentation(ready(), sessionId),
    'presenter.show': ({ sessionId, position, blank }) => showSlide(ready(), sessionId, position, blank),
    'presenter.playback': ({ sessionId, paused }) => setPlayback(ready(), sessionId, paused),
    'presenter.heartbeat': ({ sessionId }) => ({ savedAt: heartbeat(ready(), sessionId) }),
    'presenter.end': ({ sessionId }) => endPresentation(ready(), sessionId),
    'presenter.current': () => currentAudience(ready()),
    // The core has no windows: without Electron's main process in front of it, the audience view shares this window.
    'presenter.window': () => ({ mode: 'same_window' }),
  };
}

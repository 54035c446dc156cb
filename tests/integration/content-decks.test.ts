import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../support/core';
import { addVersion, openContext, startContentCore, testClock } from './content-setup';

const DAY = 86_400_000;
let core: TestCore | undefined;

afterEach(() => core?.close());

async function itemByTitle(c: TestCore, title: string) {
  const { items } = await c.value('content.library', { query: title, limit: 5 });
  const item = items.find((candidate) => candidate.shown.title === title);
  if (!item) throw new Error(`no item "${title}"`);
  return c.value('content.item', { itemId: item.itemId });
}

async function failure(c: TestCore, method: Parameters<TestCore['dispatch']>[0], input: unknown) {
  const result = await c.dispatch(method, input);
  if (result.ok) throw new Error(`${String(method)} succeeded`);
  return result.error;
}

describe('custom decks', () => {
  it('saves a named deck of items and page ranges, in order, and reads it back with its slides', async () => {
    const clock = testClock();
    core = startContentCore(clock);
    const guide = await itemByTitle(core, '製造業DX 導入ガイド');
    const video = await itemByTitle(core, 'Product demo video');
    const current = guide.item.shown;
    const deck = await core.value('decks.save', {
      name: '  製造業向け 初回訪問  ',
      items: [
        { itemId: video.item.itemId, versionId: video.item.shown.versionId },
        { itemId: current.itemId, versionId: current.versionId, pageFrom: 2, pageTo: 4, notes: '工場の写真を見せる' },
      ],
    });
    expect(deck.name).toBe('製造業向け 初回訪問');
    expect(deck.entries.map((entry) => [entry.state, entry.pages])).toEqual([
      ['current', [null]],
      ['current', [2, 3, 4]],
    ]);
    expect(deck.slideCount).toBe(4);
    expect(deck.entries[1]?.notes).toBe('工場の写真を見せる');

    // Reordered and saved again: same deck, new order.
    const reordered = await core.value('decks.save', {
      id: deck.id,
      name: deck.name,
      items: [deck.entries[1]!, deck.entries[0]!].map((entry) => ({
        itemId: entry.itemId,
        versionId: entry.reviewedVersionId,
        pageFrom: entry.pageFrom,
        pageTo: entry.pageTo,
        notes: entry.notes,
      })),
    });
    expect(reordered.entries.map((entry) => entry.itemId)).toEqual([current.itemId, video.item.itemId]);
    expect(await core.value('decks.list', {})).toEqual([
      expect.objectContaining({ id: deck.id, itemCount: 2, slideCount: 4, needsReview: false, dropped: 0 }),
    ]);

    // Saved means committed: a new core on the same folder reads the same deck.
    core.close();
    core = startContentCore(clock, core.dataDir);
    expect((await core.value('decks.get', { id: deck.id })).entries).toEqual(reordered.entries);
  });

  it('refuses entries this device cannot back, each on its field', async () => {
    core = startContentCore(testClock());
    const guide = (await itemByTitle(core, '製造業DX 導入ガイド')).item.shown;
    const image = (await itemByTitle(core, 'Product brochure')).item.shown;
    expect(
      await failure(core, 'decks.save', { name: 'x', items: [{ itemId: guide.itemId, versionId: 'nope' }] }),
    ).toMatchObject({ code: 'CONTENT_VERSION_MISSING', field: 'items.0.versionId' });
    expect(
      await failure(core, 'decks.save', {
        name: 'x',
        items: [{ itemId: guide.itemId, versionId: guide.versionId, pageFrom: 1, pageTo: 99 }],
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'items.0.pageTo' });
    expect(
      await failure(core, 'decks.save', {
        name: 'x',
        items: [{ itemId: guide.itemId, versionId: guide.versionId, pageFrom: 5, pageTo: 2 }],
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'items.0.pageTo' });
    expect(
      await failure(core, 'decks.save', {
        name: 'x',
        items: [{ itemId: image.itemId, versionId: image.versionId, pageFrom: 1 }],
      }),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'items.0.pageFrom' });
    expect(await failure(core, 'decks.save', { name: '   ', items: [] })).toMatchObject({ field: 'name' });
    expect(await core.value('decks.list', {})).toEqual([]);
  });

  it('checks a changed page range of an entry the deck already holds', async () => {
    core = startContentCore(testClock());
    const { items } = await core.value('content.library', { presentableOnly: true, kind: 'pdf', limit: 100 });
    const pdf = items.find((item) => (item.shown.pageCount ?? 0) >= 2)!.shown;
    const deck = await core.value('decks.save', {
      name: 'Ranges',
      items: [{ itemId: pdf.itemId, versionId: pdf.versionId }],
    });
    const pastTheEnd = { pageFrom: pdf.pageCount! + 5, pageTo: pdf.pageCount! + 9 };
    expect(
      await core.dispatch('decks.save', {
        id: deck.id,
        name: 'Ranges',
        items: [{ itemId: pdf.itemId, versionId: pdf.versionId, ...pastTheEnd }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'items.0.pageFrom' } });
    const kept = await core.value('decks.save', {
      id: deck.id,
      name: 'Ranges',
      items: [{ itemId: pdf.itemId, versionId: pdf.versionId, pageFrom: 1, pageTo: 2 }],
    });
    expect(kept.slideCount).toBe(2);
  });

  it('follows a newer version by itself, and flags the deck for review when the page count changed', async () => {
    const clock = testClock();
    core = startContentCore(clock);
    const guide = await itemByTitle(core, '製造業DX 導入ガイド');
    const presenterMode = await itemByTitle(core, 'プレゼンテーション モード紹介');
    const [v3, v2] = guide.versions;
    const [p2, p1] = presenterMode.versions;
    expect([v3?.pageCount, v2?.pageCount, p2?.pageCount, p1?.pageCount]).toEqual([8, 6, 4, 4]);
    // Built against the previous versions, as a deck saved before the new ones arrived would be.
    const deck = await core.value('decks.save', {
      name: 'Built last year',
      items: [
        { itemId: guide.item.itemId, versionId: v2!.versionId, pageFrom: 1, pageTo: 6 },
        { itemId: presenterMode.item.itemId, versionId: p1!.versionId },
      ],
    });
    expect(deck.entries.map((entry) => [entry.state, entry.version?.version, entry.pages.length])).toEqual([
      ['needs_review', 3, 6],
      ['updated', 2, 4],
    ]);
    expect(deck.needsReview).toBe(true);
    const reviewed = await core.value('decks.review', { id: deck.id });
    expect(reviewed.needsReview).toBe(false);
    expect(reviewed.entries.map((entry) => [entry.state, entry.reviewedVersion])).toEqual([
      ['current', 3],
      ['current', 2],
    ]);

    // Marketing publishes v4 with a different page count; the next pull brings it in.
    core.close();
    const open = openContext(core.dataDir, clock);
    const handbook = open.ctx.library.get(v3!.versionId)!;
    addVersion(open.ctx, {
      itemId: guide.item.itemId,
      version: 4,
      title: '製造業DX 導入ガイド',
      sha256: handbook.sha256,
      size: handbook.size,
      mime: 'application/pdf',
      pageCount: 20,
      validFrom: clock.now - 1,
    });
    open.close();
    core = startContentCore(clock, core.dataDir);
    const followed = await core.value('decks.get', { id: deck.id });
    expect(followed.entries[0]).toMatchObject({ state: 'needs_review', reviewedVersion: 3, reviewedPageCount: 8 });
    expect(followed.entries[0]?.version?.version).toBe(4);
    expect(followed.needsReview).toBe(true);
  });

  it('drops expired, retired and unknown items out with a visible reason, never silently', async () => {
    const clock = testClock();
    core = startContentCore(clock);
    const soon = (await itemByTitle(core, 'オフライン同期の仕組み')).item;
    const stays = (await itemByTitle(core, '経営層向けサマリー')).item;
    const retiring = (await itemByTitle(core, 'セキュリティ概要')).item;
    expect(soon.shown.expiringSoon).toBe(true);
    const deck = await core.value('decks.save', {
      name: 'Kick-off',
      items: [soon, stays, retiring].map((item) => ({ itemId: item.itemId, versionId: item.shown.versionId })),
    });
    expect(deck.entries.every((entry) => entry.state === 'current')).toBe(true);

    core.close();
    const open = openContext(core.dataDir, clock);
    open.ctx.conn.sqlite
      .prepare("UPDATE content_versions SET approval = 'retired' WHERE item_id = ?")
      .run(retiring.itemId);
    open.ctx.conn.sqlite
      .prepare(
        "INSERT INTO deck_items (deck_id, position, item_id, version_id, page_from, page_to, notes) VALUES (?, 3, 'item-from-elsewhere', 'version-from-elsewhere', NULL, NULL, '')",
      )
      .run(deck.id);
    open.close();
    clock.advance(15 * DAY);
    core = startContentCore(clock, core.dataDir);
    const later = await core.value('decks.get', { id: deck.id });
    expect(later.entries.map((entry) => [entry.state, entry.reason])).toEqual([
      ['dropped', 'expired'],
      ['current', null],
      ['dropped', 'retired'],
      ['missing', 'missing_version'],
    ]);
    expect(later.slideCount).toBe(later.entries[1]?.pages.length);
    expect((await core.value('decks.list', {}))[0]).toMatchObject({ dropped: 3, itemCount: 4 });

    // Saving the deck keeps the entry this device cannot back yet: nothing is lost on the way.
    const saved = await core.value('decks.review', { id: deck.id });
    expect(saved.entries.map((entry) => entry.itemId)).toContain('item-from-elsewhere');
  });
});

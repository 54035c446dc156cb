import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PresentedDetails } from '../../src/shared/content';
import { DATABASE_FILE } from '../../electron/core/core';
import type { TestCore } from '../support/core';
import { startContentCore, testClock, type Clock } from './content-setup';

let core: TestCore | undefined;
afterEach(() => core?.close());

async function setup(clock: Clock) {
  const c = startContentCore(clock);
  core = c;
  // An account with at least three contacts: two attend, one does not.
  const { items } = await c.value('accounts.search', { query: '', limit: 50 });
  let account: { id: string; contacts: { id: string; name: string }[] } | undefined;
  for (const item of items) {
    const detail = await c.value('accounts.get', { id: item.id });
    if (detail.contacts.length >= 3) {
      account = { id: item.id, contacts: detail.contacts };
      break;
    }
  }
  if (!account) throw new Error('no account with three contacts');
  const library = await c.value('content.library', { presentableOnly: true, kind: 'pdf', limit: 100 });
  const pdf = (title: string) => {
    const item = library.items.find((candidate) => candidate.shown.title === title);
    if (!item) throw new Error(`no presentable PDF "${title}"`);
    return item.shown;
  };
  const guide = pdf('製造業DX 導入ガイド');
  const brief = pdf('Technical brief for IT');
  const deck = await c.value('decks.save', {
    name: 'First visit',
    items: [
      {
        itemId: guide.itemId,
        versionId: guide.versionId,
        pageFrom: 1,
        pageTo: 3,
        notes: 'Ask about the plant in Nagoya',
      },
      { itemId: brief.itemId, versionId: brief.versionId, pageFrom: 2, pageTo: 2 },
    ],
  });
  return { c, account, guide, brief, deck };
}

function presentedTouchpoints(dataDir: string) {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  const rows = db
    .prepare(
      `SELECT t.id, t.account_id, t.details, t.summary,
              (SELECT json_group_array(contact_id) FROM touchpoint_contacts WHERE touchpoint_id = t.id) AS contacts,
              (SELECT json_group_array(content_version_id) FROM touchpoint_content WHERE touchpoint_id = t.id) AS versions,
              (SELECT COUNT(*) FROM outbox o WHERE o.entity_id = t.id AND o.kind = 'touchpoint.create') AS queued
         FROM touchpoints t WHERE t.channel = 'content_presented' AND t.origin_device <> 'hub' ORDER BY t.id`,
    )
    .all() as {
    id: string;
    account_id: string;
    details: string;
    summary: string;
    contacts: string;
    versions: string;
    queued: number;
  }[];
  db.close();
  return rows.map((row) => ({
    ...row,
    details: PresentedDetails.parse(JSON.parse(row.details)),
    contacts: JSON.parse(row.contacts) as string[],
    versions: (JSON.parse(row.versions) as string[]).sort(),
  }));
}

describe('presenter mode', () => {
  it('records time per page and writes one "content presented" touchpoint per attendee on end', async () => {
    const clock = testClock();
    const { c, account, guide, brief, deck } = await setup(clock);
    const audience: unknown[] = [];
    c.subscribe((event, payload) => {
      if (event === 'presenter.changed') audience.push(payload);
    });
    const [first, second, absent] = account.contacts;
    const session = await c.value('presenter.start', {
      deckId: deck.id,
      accountId: account.id,
      attendeeIds: [first!.id, second!.id],
      language: 'en',
    });
    expect(session.slides.map((slide) => [slide.title, slide.page])).toEqual([
      ['製造業DX 導入ガイド', 1],
      ['製造業DX 導入ガイド', 2],
      ['製造業DX 導入ガイド', 3],
      ['Technical brief for IT', 2],
    ]);
    expect(session.slides[0]?.notes).toBe('Ask about the plant in Nagoya');
    expect(session.attendees.map((a) => a.contactId)).toEqual([first!.id, second!.id]);

    const show = (position: number, blank = false) =>
      c.value('presenter.show', { sessionId: session.id, position, blank });
    clock.advance(4_000); // page 1: 4 s
    await show(1);
    clock.advance(1_500); // page 2: 1.5 s, flicked past
    await show(2);
    clock.advance(2_000); // page 3: exactly 2 s, counts
    await show(2, true);
    clock.advance(30_000); // blank: counts for nothing
    await show(2);
    clock.advance(1_000); // page 3 again: +1 s
    await show(3);
    clock.advance(12_400); // brief page 2: 12.4 s
    await c.value('presenter.heartbeat', { sessionId: session.id });
    const during = await c.value('presenter.get', { sessionId: session.id });
    expect(during.times.map((time) => time.totalMs)).toEqual([4_000, 1_500, 3_000, 12_400]);

    const summary = await c.value('presenter.end', { sessionId: session.id });
    expect(summary).toMatchObject({ pagesSeen: 3, durationSeconds: 51 });
    expect(summary.touchpointIds).toHaveLength(2);

    const written = presentedTouchpoints(c.dataDir);
    expect(written.map((t) => t.contacts).sort()).toEqual([[first!.id], [second!.id]].sort());
    expect(written.map((t) => t.contacts.flat())).not.toContainEqual([absent!.id]);
    for (const touchpoint of written) {
      expect(touchpoint.account_id).toBe(account.id);
      expect(touchpoint.queued).toBe(1);
      expect(touchpoint.versions).toEqual([guide.versionId, brief.versionId].sort());
      expect(touchpoint.summary).toBe('Presented “First visit” (3 pages seen)');
      expect(touchpoint.details).toMatchObject({
        deckName: 'First visit',
        durationSeconds: 51,
        attendeeCount: 2,
        recovered: false,
        pages: [
          { versionId: guide.versionId, page: 1, seconds: 4, seen: true },
          { versionId: guide.versionId, page: 2, seconds: 2, seen: false },
          { versionId: guide.versionId, page: 3, seconds: 3, seen: true },
          { versionId: brief.versionId, page: 2, seconds: 12, seen: true },
        ],
      });
      expect(touchpoint.details.keyMessagesCovered).toEqual([...guide.keyMessages, ...brief.keyMessages]);
    }

    // The journey shows them, and "what they have already seen" now lists the versions for both attendees.
    const timeline = await c.value('journey.timeline', { accountId: account.id, channels: ['content_presented'] });
    expect(
      timeline.items
        .slice(0, 2)
        .map((t) => t.id)
        .sort(),
    ).toEqual([...summary.touchpointIds].sort());
    const { seen } = await c.value('journey.overview', { accountId: account.id });
    for (const contact of [first!, second!]) {
      expect(seen.filter((s) => s.contactId === contact.id).map((s) => s.versionId)).toEqual(
        expect.arrayContaining([guide.versionId, brief.versionId]),
      );
    }

    // The audience screen was only ever told which file and page to show.
    for (const payload of audience) {
      expect(Object.keys(payload as object).sort()).toEqual([
        'blank',
        'ended',
        'paused',
        'position',
        'sessionId',
        'slide',
        'total',
      ]);
      const slide = (payload as { slide: object | null }).slide;
      if (slide) expect(Object.keys(slide).sort()).toEqual(['kind', 'mime', 'page', 'versionId']);
    }
    expect(audience.at(-1)).toMatchObject({ ended: true, slide: null });
    expect((await c.dispatch('presenter.show', { sessionId: session.id, position: 0, blank: false })).ok).toBe(false);
  });

  it('writes nothing when no page stayed on screen for 2 s', async () => {
    const clock = testClock();
    const { c, account, deck } = await setup(clock);
    const session = await c.value('presenter.start', {
      deckId: deck.id,
      accountId: account.id,
      attendeeIds: [account.contacts[0]!.id],
      language: 'ja',
    });
    clock.advance(1_999);
    expect(await c.value('presenter.end', { sessionId: session.id })).toMatchObject({
      touchpointIds: [],
      pagesSeen: 0,
    });
    expect(presentedTouchpoints(c.dataDir)).toEqual([]);
  });

  it('refuses what cannot be presented, and attendees from elsewhere', async () => {
    const clock = testClock();
    const { c, account, deck } = await setup(clock);
    const all = await c.value('content.library', { limit: 100 });
    const expired = all.items.find((item) => item.shown.problem === 'expired')!;
    const upcoming = all.items.find((item) => item.shown.problem === 'not_yet_released')!;
    const refused = async (input: object) => {
      const result = await c.dispatch('presenter.start', { language: 'en', ...input });
      return result.ok ? 'started' : { code: result.error.code, field: result.error.field };
    };
    expect(await refused({ itemId: expired.itemId })).toMatchObject({ code: 'CONTENT_EXPIRED' });
    expect(await refused({ itemId: upcoming.itemId })).toMatchObject({ code: 'CONTENT_NOT_YET_RELEASED' });
    expect(await refused({ itemId: 'nothing-like-it' })).toMatchObject({ code: 'CONTENT_VERSION_MISSING' });
    const other = (await c.value('accounts.search', { query: '', limit: 60 })).items.find((a) => a.id !== account.id)!;
    const stranger = (await c.value('accounts.get', { id: other.id })).contacts[0]!;
    expect(await refused({ deckId: deck.id, accountId: account.id, attendeeIds: [stranger.id] })).toEqual({
      code: 'UNKNOWN_CONTACT',
      field: 'attendeeIds.0',
    });
    const onlyExpired = await c.value('decks.save', {
      name: 'Old',
      items: [{ itemId: expired.itemId, versionId: expired.shown.versionId }],
    });
    expect(await refused({ deckId: onlyExpired.id })).toMatchObject({ code: 'DECK_EMPTY' });
    expect(presentedTouchpoints(c.dataDir)).toEqual([]);
  });

  it('presents at an event booth to visitors of different companies, each touchpoint at their own account', async () => {
    const clock = testClock();
    const { c, deck } = await setup(clock);
    const [event] = await c.value('events.list', {});
    const accounts = (await c.value('accounts.search', { query: '', limit: 2 })).items;
    const visitors = await Promise.all(
      accounts.map(async (a) => (await c.value('accounts.get', { id: a.id })).contacts[0]!),
    );
    const session = await c.value('presenter.start', {
      deckId: deck.id,
      eventId: event!.id,
      attendeeIds: visitors.map((v) => v.id),
      language: 'ja',
    });
    clock.advance(5_000);
    await c.value('presenter.end', { sessionId: session.id });
    const written = presentedTouchpoints(c.dataDir);
    expect(written.map((t) => t.account_id).sort()).toEqual(accounts.map((a) => a.id).sort());
    for (const touchpoint of written) {
      expect(touchpoint.details.eventId).toBe(event!.id);
      expect(touchpoint.summary).toBe('「First visit」を提示（1ページ）');
    }
  });

  it('ends a presentation left without ending as of its last heartbeat, not when the next one starts', async () => {
    const clock = testClock();
    const { c, account, guide, deck } = await setup(clock);
    const attendeeIds = [account.contacts[0]!.id];
    const left = await c.value('presenter.start', {
      deckId: deck.id,
      accountId: account.id,
      attendeeIds,
      language: 'en',
    });
    clock.advance(5_000);
    await c.value('presenter.heartbeat', { sessionId: left.id });
    // The rep closes the presenter screen without ending; two hours later the next meeting starts.
    clock.advance(2 * 3_600_000);
    await c.value('presenter.start', { deckId: deck.id, accountId: account.id, attendeeIds, language: 'en' });
    expect(await c.value('presenter.get', { sessionId: left.id })).toMatchObject({ ended: true });
    const [written] = presentedTouchpoints(c.dataDir);
    expect(written?.details).toMatchObject({
      durationSeconds: 5,
      pages: [{ versionId: guide.versionId, page: 1, seconds: 5, seen: true }],
    });
  });

  it('does not put a version on screen once it expired during the meeting', async () => {
    const clock = testClock();
    const c = startContentCore(clock);
    core = c;
    const { items } = await c.value('content.library', { presentableOnly: true, limit: 200 });
    const ending = items.filter((item) => item.shown.validUntil !== null);
    const expiring = ending.sort((a, b) => a.shown.validUntil! - b.shown.validUntil!)[0]!;
    const other = items.find((item) => item.shown.kind === 'pdf' && item.itemId !== expiring.itemId)!;
    const deck = await c.value('decks.save', {
      name: 'Meeting',
      items: [
        { itemId: other.itemId, versionId: other.shown.versionId, pageFrom: 1, pageTo: 1 },
        { itemId: expiring.itemId, versionId: expiring.shown.versionId },
      ],
    });
    const session = await c.value('presenter.start', { deckId: deck.id, language: 'en' });
    clock.now = expiring.shown.validUntil! + 1_000;
    expect(await c.dispatch('presenter.show', { sessionId: session.id, position: 1, blank: false })).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_EXPIRED' },
    });
    expect(await c.value('presenter.get', { sessionId: session.id })).toMatchObject({ position: 0, ended: false });
    // Blanking the screen, and the slides still valid, go on as before.
    expect(await c.value('presenter.show', { sessionId: session.id, position: 1, blank: true })).toMatchObject({
      blank: true,
    });
    expect(await c.value('presenter.show', { sessionId: session.id, position: 0, blank: false })).toMatchObject({
      position: 0,
    });
  });

  it('pauses the video on screen in every window; showing it anew plays it; only a video on screen pauses', async () => {
    const clock = testClock();
    const { c, brief } = await setup(clock);
    const videos = await c.value('content.library', { presentableOnly: true, kind: 'video', limit: 1 });
    const video = videos.items[0]?.shown;
    if (!video) throw new Error('the demo library has no presentable video');
    const deck = await c.value('decks.save', {
      name: 'Product film',
      items: [
        { itemId: video.itemId, versionId: video.versionId },
        { itemId: brief.itemId, versionId: brief.versionId, pageFrom: 2, pageTo: 2 },
      ],
    });
    const session = await c.value('presenter.start', { deckId: deck.id, language: 'en' });
    const audience: { paused: boolean; position: number }[] = [];
    c.subscribe((event, payload) => {
      if (event === 'presenter.changed') audience.push(payload as { paused: boolean; position: number });
    });
    const sessionId = session.id;
    expect(session.paused).toBe(false);

    expect(await c.value('presenter.playback', { sessionId, paused: true })).toMatchObject({
      position: 0,
      paused: true,
    });
    expect(audience.at(-1)).toMatchObject({ position: 0, paused: true });
    expect(await c.value('presenter.current', {})).toMatchObject({ paused: true });
    expect(await c.value('presenter.get', { sessionId })).toMatchObject({ paused: true });
    // The audience window echoing the slide it shows keeps the pause.
    expect(await c.value('presenter.show', { sessionId, position: 0, blank: false })).toMatchObject({ paused: true });

    // Away and back: the video plays from the start of its new showing.
    expect(await c.value('presenter.show', { sessionId, position: 1, blank: false })).toMatchObject({ paused: false });
    expect(await c.dispatch('presenter.playback', { sessionId, paused: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_VIDEO', field: 'paused' },
    });
    expect(await c.value('presenter.show', { sessionId, position: 0, blank: false })).toMatchObject({ paused: false });
    await c.value('presenter.playback', { sessionId, paused: true });
    expect(await c.value('presenter.show', { sessionId, position: 0, blank: true })).toMatchObject({ paused: false });
    expect(await c.dispatch('presenter.playback', { sessionId, paused: false })).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_VIDEO' },
    });
  });

  it('after a crash, the next start ends the presentation as of its last heartbeat and writes its touchpoints', async () => {
    const clock = testClock();
    const { c, account, guide, deck } = await setup(clock);
    const session = await c.value('presenter.start', {
      deckId: deck.id,
      accountId: account.id,
      attendeeIds: [account.contacts[0]!.id, account.contacts[1]!.id],
      language: 'en',
    });
    clock.advance(6_000);
    await c.value('presenter.show', { sessionId: session.id, position: 1, blank: false });
    clock.advance(5_000);
    await c.value('presenter.heartbeat', { sessionId: session.id });
    clock.advance(4_000); // The app dies here: these 4 s were never saved.
    const dataDir = c.dataDir;
    c.close();

    clock.advance(3_600_000);
    core = startContentCore(clock, dataDir);
    const written = presentedTouchpoints(dataDir);
    expect(written).toHaveLength(2);
    expect(written[0]?.details).toMatchObject({
      recovered: true,
      durationSeconds: 11,
      pages: [
        { versionId: guide.versionId, page: 1, seconds: 6, seen: true },
        { versionId: guide.versionId, page: 2, seconds: 5, seen: true },
      ],
    });
    expect(await core.value('presenter.get', { sessionId: session.id })).toMatchObject({ ended: true });
    expect(await core.value('presenter.current', {})).toBeNull();

    // Recovery happens once.
    core.close();
    core = startContentCore(clock, dataDir);
    expect(presentedTouchpoints(dataDir)).toHaveLength(2);
  });
});

import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/core';
import type { CaptureFieldsInput } from '../../src/shared/capture';
import { Mutation } from '../../src/shared/sync-api';
import { startCore, type TestCore } from '../support/core';
import { tempDir } from '../support/paths';

let core: TestCore;
let eventId: string;

beforeAll(async () => {
  core = startCore();
  await core.value('settings.update', { territory: 'kanto' });
  const event = await core.value('events.create', {
    name: 'Test Expo 2026',
    venue: 'Tokyo Big Sight',
    startsOn: '2026-12-01',
    endsOn: '2026-12-03',
    booth: 'E-12',
    consentText: 'We may contact you about our products.',
    consentVersion: 'test-v1',
    products: ['capture', 'library'],
    questions: [{ id: 'timeline', kind: 'single', labelJa: '導入時期', labelEn: 'Timeline', options: ['3m', '6m'] }],
  });
  eventId = event.id;
});

afterAll(() => core.close());

function count(sql: string, ...params: unknown[]): number {
  const db = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
  const row = db.prepare(sql).get(...params) as { n: number };
  db.close();
  return row.n;
}

/** An event of its own, for a test whose captures must not count in the shared event's (on `laptop`, its own core). */
async function otherEvent(name: string, laptop: TestCore = core): Promise<string> {
  const event = await laptop.value('events.create', {
    name,
    startsOn: '2026-12-01',
    endsOn: '2026-12-01',
    consentText: 'OK to contact',
    consentVersion: 'o-1',
  });
  return event.id;
}

const visitor = (overrides: Partial<CaptureFieldsInput> = {}): CaptureFieldsInput => ({
  familyName: '来場',
  givenName: '一郎',
  familyKana: 'ライジョウ',
  givenKana: 'イチロウ',
  company: '株式会社テスト精機',
  emails: ['ichiro@test-seiki.example.jp'],
  phones: ['+81355551234'],
  rating: 'hot',
  interests: ['capture'],
  answers: { timeline: '3m' },
  consent: { given: true, method: 'verbal' },
  cardGiven: true,
  followUp: { kind: 'meeting', contentVersionIds: [] },
  notes: '来月デモ希望',
  ...overrides,
});

describe('capture.save', () => {
  it('writes account, contact, two touchpoints, consent, follow-up and capture with their outbox rows in one go', async () => {
    const outboxBefore = count('SELECT COUNT(*) AS n FROM outbox');
    await core.value('capture.draft.save', { eventId, fields: visitor() });
    const saved = await core.value('capture.save', { eventId, fields: visitor(), language: 'ja' });
    expect(saved).toMatchObject({
      contactName: '来場 一郎',
      accountName: '株式会社テスト精機',
      rating: 'hot',
      consent: true,
      followUp: 'meeting',
      synced: false,
    });
    expect(count('SELECT COUNT(*) AS n FROM touchpoints WHERE account_id = ?', saved.accountId)).toBe(2);
    expect(
      count(
        "SELECT COUNT(*) AS n FROM consent_records WHERE contact_id = ? AND text_version = 'test-v1' AND method = 'verbal'",
        saved.contactId,
      ),
    ).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM follow_ups WHERE capture_id = ?', saved.id)).toBe(1);
    // account.create, contact.create, 2 × touchpoint.create, consent.record, followup.create
    expect(count('SELECT COUNT(*) AS n FROM outbox') - outboxBefore).toBe(6);
    expect(await core.value('capture.draft.get', { eventId })).toBeNull();
    const event = await core.value('events.get', { id: eventId });
    expect(event).toMatchObject({ captureCount: 1, unsyncedCount: 1 });
    // The capture is in the one journey, and the new company is searchable at once.
    const timeline = await core.value('journey.timeline', { accountId: saved.accountId });
    expect(timeline.items.map((t) => t.channel).sort()).toEqual(['business_card', 'trade_show']);
    expect(timeline.items.find((t) => t.channel === 'trade_show')?.summary).toBe('Test Expo 2026 ブースで会話');
    expect((await core.value('accounts.search', { query: 'テスト精機' })).items[0]?.id).toBe(saved.accountId);
    expect(
      (await core.value('capture.match', { fields: { emails: ['ichiro@test-seiki.example.jp'] } }))[0],
    ).toMatchObject({
      contactId: saved.contactId,
      reasons: expect.arrayContaining(['email']),
    });
  });

  it('attaches to an existing contact without duplicating it and adds what the booth taught us', async () => {
    const [candidate] = await core.value('capture.match', { fields: { emails: ['ichiro@test-seiki.example.jp'] } });
    const contacts = count('SELECT COUNT(*) AS n FROM contacts');
    const saved = await core.value('capture.save', {
      eventId,
      language: 'en',
      fields: visitor({
        emails: ['ichiro.raijo@test-seiki.example.jp'],
        cardGiven: false,
        match: { contactId: candidate!.contactId, accountId: candidate!.accountId },
      }),
    });
    expect(saved.contactId).toBe(candidate!.contactId);
    expect(saved.matchedContact).toBe(true);
    expect(count('SELECT COUNT(*) AS n FROM contacts')).toBe(contacts);
    const { contacts: people } = await core.value('accounts.get', { id: saved.accountId });
    expect(people.find((p) => p.id === saved.contactId)?.emails).toEqual([
      'ichiro@test-seiki.example.jp',
      'ichiro.raijo@test-seiki.example.jp',
    ]);
    expect(
      count("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'contact.update' AND entity_id = ?", saved.contactId),
    ).toBe(1);
  });

  it('saves a visitor once when the form saves again with the same capture id (an answer lost to a restart)', async () => {
    // A laptop of its own: the other tests count this file's outbox.
    const laptop = startCore({ demoDatasetFile: undefined });
    try {
      const [retryExpo, otherExpo] = [await otherEvent('Retry Expo', laptop), await otherEvent('Other Expo', laptop)];
      const captureId = '0b9c4f3e-7d1a-4c55-9e1f-3a2b1c0d9e8f';
      const save = { eventId: retryExpo, fields: visitor(), language: 'ja' as const, captureId };
      const queued = async () =>
        (await laptop.value('sync.pending', {})).byKind.reduce((sum, kind) => sum + kind.count, 0);
      const first = await laptop.value('capture.save', save);
      const queuedAfterFirst = await queued();
      expect(queuedAfterFirst).toBeGreaterThan(0);
      // The form wrote the visitor back as a draft after the lost answer; the retry clears it.
      await laptop.value('capture.draft.save', { eventId: retryExpo, fields: visitor() });
      expect(await laptop.value('capture.save', save)).toEqual(first);
      expect(await laptop.value('capture.draft.get', { eventId: retryExpo })).toBeNull();
      expect(first.id).toBe(captureId);
      // Changed since the save that went through: refused, not "saved" with the change dropped.
      expect(await laptop.dispatch('capture.save', { ...save, fields: visitor({ title: 'CTO' }) })).toMatchObject({
        ok: false,
        error: { code: 'CAPTURE_ALREADY_SAVED' },
      });
      expect(await laptop.value('capture.list', { eventId: retryExpo })).toHaveLength(1);
      expect(await queued()).toBe(queuedAfterFirst);
      // The same id at another event is a mistake, not a retry.
      expect(await laptop.dispatch('capture.save', { ...save, eventId: otherExpo })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'captureId' },
      });
    } finally {
      laptop.close();
    }
  });

  it('refuses bad captures on their field, writes nothing, and keeps the valid part as a draft', async () => {
    const before = count('SELECT COUNT(*) AS n FROM captures');
    const cases: [CaptureFieldsInput, string, string][] = [
      [visitor({ familyName: '', givenName: '', emails: [] }), 'CAPTURE_INCOMPLETE', 'familyName'],
      [visitor({ emails: ['taro@'] }), 'NOT_AN_EMAIL', 'emails.0'],
      [visitor({ notes: 'x'.repeat(100_000) }), 'TOO_LONG', 'fields.notes'],
      [visitor({ match: { contactId: null, accountId: 'no-such-account' } }), 'NOT_FOUND', 'match.accountId'],
    ];
    for (const [fields, code, field] of cases) {
      expect(await core.dispatch('capture.save', { eventId, fields, language: 'ja' })).toMatchObject({
        ok: false,
        error: { code, field },
      });
    }
    expect(count('SELECT COUNT(*) AS n FROM captures')).toBe(before);
    await core.value('capture.draft.save', {
      eventId,
      fields: visitor({ notes: 'x'.repeat(100_000), company: '下書き商事' }),
    });
    const draft = await core.value('capture.draft.get', { eventId });
    expect(draft?.fields).toMatchObject({ company: '下書き商事', notes: '' });
    await core.value('capture.draft.discard', { eventId });
  });
});

describe('the outbox', () => {
  it('holds every queued change in exactly the shape the hub accepts', () => {
    const db = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT id, kind, payload FROM outbox').all() as {
      id: string;
      kind: string;
      payload: string;
    }[];
    db.close();
    expect(new Set(rows.map((row) => row.kind))).toEqual(
      new Set([
        'event.create',
        'account.create',
        'contact.create',
        'contact.update',
        'touchpoint.create',
        'consent.record',
        'followup.create',
      ]),
    );
    for (const row of rows) {
      const parsed = Mutation.safeParse({ mutationId: row.id, kind: row.kind, payload: JSON.parse(row.payload) });
      expect(parsed.success ? 'ok' : `${row.kind}: ${parsed.error.message}`).toBe('ok');
    }
  });
});

describe('protecting unsynced captures', () => {
  it('refuses deleting the event or resetting data until an encrypted export covers every unsynced capture', async () => {
    expect(await core.dispatch('events.delete', { id: eventId })).toMatchObject({
      ok: false,
      error: { code: 'UNSYNCED_WORK' },
    });
    expect(await core.dispatch('app.resetData', { confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'UNSYNCED_WORK' },
    });
    expect(await core.dispatch('capture.export', { eventId, password: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', field: 'password' },
    });
    const exported = await core.value('capture.export', { eventId, password: 'booth-password-1' });
    expect(exported.captureCount).toBe(2);

    // A second device imports the file: every capture arrives once, a second import adds nothing.
    const other = startCore();
    try {
      expect(
        await other.dispatch('capture.import', { dataBase64: exported.dataBase64, password: 'wrong-password' }),
      ).toMatchObject({
        ok: false,
        error: { code: 'WRONG_PASSWORD' },
      });
      expect(
        await other.value('capture.import', { dataBase64: exported.dataBase64, password: 'booth-password-1' }),
      ).toEqual({
        captures: 2,
        alreadyPresent: 0,
      });
      expect(
        await other.value('capture.import', { dataBase64: exported.dataBase64, password: 'booth-password-1' }),
      ).toEqual({
        captures: 0,
        alreadyPresent: 2,
      });
      const captures = await other.value('capture.list', { eventId });
      expect(captures.map((c) => c.contactName)).toEqual(['来場 一郎', '来場 一郎']);
      expect(new Set(captures.map((c) => c.contactId)).size).toBe(1);
      expect((await other.value('accounts.search', { query: 'テスト精機' })).total).toBe(1);
      // The same mutation ids travel along, so the hub applies them once whichever device syncs first.
      const ids = (dir: string) => {
        const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
        const rows = (
          db.prepare("SELECT id FROM outbox WHERE state = 'pending' AND kind != 'event.create' ORDER BY id").all() as {
            id: string;
          }[]
        ).map((r) => r.id);
        db.close();
        return rows;
      };
      expect(ids(other.dataDir)).toEqual(ids(core.dataDir));
    } finally {
      other.close();
    }

    expect(await core.value('events.delete', { id: eventId })).toEqual({ deleted: true });
    expect(count('SELECT COUNT(*) AS n FROM captures')).toBe(0);
    // Consent records are proof and stay; the touchpoints stay in the journey.
    expect(count('SELECT COUNT(*) AS n FROM consent_records')).toBe(2);
  });
});

describe('protecting unsynced captures, whatever the clock does', () => {
  it('does not take a capture saved after the clock was set back for one the export holds', async () => {
    let clock = Date.UTC(2026, 11, 1, 10, 0, 0);
    const laptop = startCore({ demoDatasetFile: undefined, now: () => clock });
    try {
      const event = await laptop.value('events.create', {
        name: 'Clock Fair',
        startsOn: '2026-12-01',
        endsOn: '2026-12-01',
        consentText: 'OK to contact',
        consentVersion: 'c-1',
      });
      await laptop.value('capture.save', { eventId: event.id, language: 'ja', fields: visitor() });
      clock += 60_000;
      await laptop.value('capture.export', { eventId: event.id, password: 'booth-password-1' });
      // The operating system corrects the clock five minutes back; the next visitor looks older than the export.
      clock -= 5 * 60_000;
      await laptop.value('capture.save', {
        eventId: event.id,
        language: 'ja',
        fields: visitor({ familyName: '新規', givenName: '二郎', emails: ['jiro@later.example.jp'] }),
      });
      expect(await laptop.dispatch('events.delete', { id: event.id })).toMatchObject({
        ok: false,
        error: { code: 'UNSYNCED_WORK' },
      });
      await laptop.value('capture.export', { eventId: event.id, password: 'booth-password-1' });
      expect(await laptop.value('events.delete', { id: event.id })).toEqual({ deleted: true });
    } finally {
      laptop.close();
    }
  });
});

describe('after the show', () => {
  it('treats a contact who withdrew consent since the show as not consenting, everywhere', async () => {
    const eventId = await otherEvent('Withdrawal Fair');
    const saved = await core.value('capture.save', {
      eventId,
      language: 'en',
      fields: visitor({ emails: ['changed@mind.example.com'], company: 'Changed Mind Ltd' }),
    });
    // The withdrawal reaches the device as the contact's consent field (a pull, or an import on the hub).
    const db = new Database(join(core.dataDir, DATABASE_FILE));
    db.prepare("UPDATE contacts SET consent = 'withdrawn' WHERE id = ?").run(saved.contactId);
    db.close();
    expect(await core.value('capture.followUps', { eventId, language: 'en' })).toEqual({
      drafted: 0,
      blocked: 1,
    });
    expect((await core.value('capture.list', { eventId }))[0]).toMatchObject({ consent: false });
    const { csv } = await core.value('capture.csv', { eventId, layout: 'salesforce' });
    const [header, row] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    const optOut = header!.split(',').indexOf('"Email Opt Out"');
    expect(row!.split(',')[optOut]).toBe('"true"');
  });

  it('addresses the Japanese letter to the attached account when the company field was left empty', async () => {
    const eventId = await otherEvent('空欄フェア');
    const first = await core.value('capture.save', {
      eventId,
      language: 'ja',
      fields: visitor({ emails: ['first@kuuran.example.jp'], company: '株式会社空欄精機' }),
    });
    await core.value('capture.save', {
      eventId,
      language: 'ja',
      fields: visitor({
        familyName: '二宮',
        givenName: '次郎',
        emails: ['jiro@kuuran.example.jp'],
        company: '',
        match: { contactId: null, accountId: first.accountId },
      }),
    });
    await core.value('capture.followUps', { eventId, language: 'ja' });
    const db = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
    const body = (
      db.prepare("SELECT draft_body AS body FROM follow_ups WHERE draft_body LIKE '%二宮%'").get() as { body: string }
    ).body;
    db.close();
    expect(body.split('\n')[0]).toBe('株式会社空欄精機');
  });

  it('drafts follow-ups only for visitors who consented, citing only presentable content', async () => {
    const event = await core.value('events.create', {
      name: 'Follow-up Fair',
      startsOn: '2026-12-01',
      endsOn: '2026-12-01',
      consentText: 'OK to contact',
      consentVersion: 'f-1',
    });
    const presentable = await core.value('content.presentable', {});
    const current = presentable[0]!;
    const db = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
    const expired = db.prepare('SELECT id FROM content_versions WHERE valid_until < ? LIMIT 1').get(Date.now()) as {
      id: string;
    };
    db.close();
    await core.value('capture.save', {
      eventId: event.id,
      language: 'en',
      fields: visitor({
        emails: ['yes@consent.example.com'],
        company: '=HYPERLINK("http://evil")',
        followUp: { kind: 'content', contentVersionIds: [current.versionId, expired.id] },
      }),
    });
    await core.value('capture.save', {
      eventId: event.id,
      language: 'en',
      fields: visitor({
        emails: ['no@consent.example.com'],
        company: 'No Consent Ltd',
        consent: { given: false, method: null },
        followUp: { kind: 'content', contentVersionIds: [current.versionId] },
      }),
    });
    expect(await core.value('capture.followUps', { eventId: event.id, language: 'en' })).toEqual({
      drafted: 1,
      blocked: 1,
    });
    const db2 = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
    const drafts = db2
      .prepare('SELECT status, draft_body FROM follow_ups WHERE event_id = ? ORDER BY status')
      .all(event.id) as { status: string; draft_body: string | null }[];
    db2.close();
    expect(drafts.map((d) => d.status)).toEqual(['blocked_no_consent', 'drafted']);
    const body = drafts[1]!.draft_body!;
    expect(body).toContain(`${current.title} (v${current.version})`);
    expect(body.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(1);

    const { csv } = await core.value('capture.csv', { eventId: event.id, layout: 'salesforce' });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      '"First Name","Last Name","Company","Title","Email","Phone","Street","Lead Source","Rating","Email Opt Out","Description"',
    );
    expect(lines).toHaveLength(3);
    // Every value quoted (empty cells may stay empty): a ';' in a company name cannot start a
    // cell where ';' separates cells.
    for (const line of lines) expect(line).toMatch(/^(?:"(?:[^"]|"")*")?(?:,(?:"(?:[^"]|"")*")?)*$/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    const hubspot = await core.value('capture.csv', { eventId: event.id, layout: 'hubspot' });
    expect(hubspot.csv).toContain('Marketing contact status');
    expect(hubspot.csv).toContain('Non-marketing contact');
  });
});

// After the export test above: these captures' queued changes are in no export.
describe('what the booth taught us about a known contact', () => {
  it('finds and stores a phone and an e-mail however the rep typed them', async () => {
    const eventId = await otherEvent('Number Fair');
    const saved = await core.value('capture.save', {
      eventId,
      language: 'ja',
      fields: visitor({
        familyName: '電話',
        givenName: '花子',
        company: '株式会社番号テスト',
        emails: ['Ｈａｎａｋｏ＠ｂａｎｇｏ.example.jp'],
        phones: ['03-6666-7777', '090 1234 5678'],
      }),
    });
    const stored = (await core.value('accounts.get', { id: saved.accountId })).contacts[0]!;
    expect(stored.emails).toEqual(['Hanako@bango.example.jp']);
    expect(stored.phones).toEqual(['+81366667777', '+819012345678']);
    for (const typed of ['03-6666-7777', '０３－６６６６－７７７７', '+81 3-6666-7777', '(03) 6666 7777']) {
      const [best] = await core.value('capture.match', { fields: { phones: [typed] } });
      expect(best, typed).toMatchObject({ contactId: saved.contactId, reasons: ['phone'] });
    }
    const [byEmail] = await core.value('capture.match', { fields: { emails: ['hanako@BANGO.example.jp'] } });
    expect(byEmail?.contactId).toBe(saved.contactId);

    // Met again: the same address in other letters and the same number in another format add nothing.
    await core.value('capture.save', {
      eventId,
      language: 'ja',
      fields: visitor({
        familyName: '電話',
        givenName: '花子',
        company: '株式会社番号テスト',
        emails: ['hanako@bango.example.jp'],
        phones: ['+81 3 6666 7777'],
        match: { contactId: saved.contactId, accountId: saved.accountId },
      }),
    });
    const again = (await core.value('accounts.get', { id: saved.accountId })).contacts[0]!;
    expect(again.emails).toEqual(['Hanako@bango.example.jp']);
    expect(again.phones).toEqual(['+81366667777', '+819012345678']);
  });

  it('adds no more addresses to a contact than the hub accepts, so the change is never refused', async () => {
    const eventId = await otherEvent('Many Mails Fair');
    const ten = Array.from({ length: 10 }, (_, i) => `p${i}@many.example.com`);
    const saved = await core.value('capture.save', {
      eventId,
      language: 'en',
      fields: visitor({ familyName: 'Mails', givenName: 'Many', company: 'Many Mails KK', emails: ten, phones: [] }),
    });
    const db = new Database(join(core.dataDir, DATABASE_FILE));
    db.prepare("UPDATE contacts SET consent = 'unknown' WHERE id = ?").run(saved.contactId);
    db.close();
    await core.value('capture.save', {
      eventId,
      language: 'en',
      fields: visitor({
        familyName: 'Mails',
        givenName: 'Many',
        company: 'Many Mails KK',
        emails: ['eleventh@many.example.com'],
        phones: [],
        match: { contactId: saved.contactId, accountId: saved.accountId },
      }),
    });
    const contact = (await core.value('accounts.get', { id: saved.accountId })).contacts[0]!;
    expect(contact.emails).toEqual(ten);
    expect(contact.consent).toBe('granted');
    const outbox = new Database(join(core.dataDir, DATABASE_FILE), { readonly: true });
    const queued = outbox
      .prepare("SELECT id AS mutationId, kind, payload FROM outbox WHERE kind = 'contact.update' AND entity_id = ?")
      .all(saved.contactId) as { mutationId: string; kind: string; payload: string }[];
    outbox.close();
    expect(queued).toHaveLength(1);
    const update = Mutation.parse({ ...queued[0], payload: JSON.parse(queued[0]!.payload) });
    expect(Object.keys((update.payload as { fields: object }).fields)).toEqual(['consent']);
  });
});

describe('resetting data', () => {
  it('is refused while any queued change exists only on this device (the rule signing out uses)', async () => {
    const laptop = startCore();
    const pending = () => {
      const db = new Database(join(laptop.dataDir, DATABASE_FILE), { readonly: true });
      const { n } = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'").get() as { n: number };
      db.close();
      return n;
    };
    try {
      const [account] = (await laptop.value('accounts.search', { limit: 1 })).items;
      // A meeting note logged from the journey: no capture at all.
      await laptop.value('touchpoints.add', {
        accountId: account!.id,
        channel: 'meeting',
        stageCode: 'requirements_building',
        summary: '要件レビュー',
        notes: 'Asked for the security overview',
      });
      expect(pending()).toBe(1);
      expect(await laptop.dispatch('app.resetData', { confirm: true })).toMatchObject({
        ok: false,
        error: { code: 'UNSYNCED_WORK' },
      });
      expect(pending()).toBe(1);

      // A capture whose booth touchpoint the hub already has, while its consent record and
      // follow-up still wait behind a push batch boundary.
      const eventId = await otherEvent('Batch Boundary Expo', laptop);
      await laptop.value('capture.save', {
        eventId,
        language: 'ja',
        fields: visitor({
          consent: { given: true, method: 'checkbox' },
          followUp: { kind: 'meeting', contentVersionIds: [] },
        }),
      });
      const db = new Database(join(laptop.dataDir, DATABASE_FILE));
      db.prepare("UPDATE outbox SET state = 'done' WHERE kind NOT IN ('consent.record', 'followup.create')").run();
      db.close();
      expect(pending()).toBe(2);
      expect(await laptop.dispatch('app.resetData', { confirm: true })).toMatchObject({
        ok: false,
        error: { code: 'UNSYNCED_WORK' },
      });

      // Once the hub has everything, the reset goes ahead.
      const synced = new Database(join(laptop.dataDir, DATABASE_FILE));
      synced.prepare("UPDATE outbox SET state = 'done'").run();
      synced.close();
      expect(await laptop.value('app.resetData', { confirm: true })).toEqual({ reset: true });
      expect(pending()).toBe(0);
      expect((await laptop.value('events.list', {})).map((event) => event.id)).not.toContain(eventId);
    } finally {
      laptop.close();
    }
  });
});

describe('importing an export', () => {
  it('refuses key-derivation parameters the app does not write as INVALID_FILE, before deriving any key', async () => {
    const laptop = startCore({ demoDatasetFile: undefined });
    try {
      const eventId = await otherEvent('KDF Expo', laptop);
      await laptop.value('capture.save', { eventId, language: 'ja', fields: visitor() });
      const { dataBase64 } = await laptop.value('capture.export', { eventId, password: 'booth-password-1' });
      const envelope = JSON.parse(Buffer.from(dataBase64, 'base64').toString('utf8')) as {
        kdf: Record<string, unknown>;
        tag: string;
      };
      const altered = (change: (copy: typeof envelope) => void) => {
        const copy = structuredClone(envelope);
        change(copy);
        return Buffer.from(JSON.stringify(copy)).toString('base64');
      };
      const files = [
        altered((e) => (e.kdf.p = 40)), // ~40 times the work: seconds of a blocked core (2 ** 20 would be hours)
        altered((e) => (e.kdf.N = 2 ** 20)), // a gigabyte of memory
        altered((e) => (e.kdf.r = 1)), // cheaper is no better: not what the app writes
        altered((e) => (e.kdf.salt = '')),
        altered((e) => (e.tag = Buffer.alloc(4).toString('base64'))), // a 4-byte tag would be easy to forge
      ];
      for (const file of files) {
        const started = Date.now();
        expect(
          await laptop.dispatch('capture.import', { dataBase64: file, password: 'booth-password-1' }),
        ).toMatchObject({
          ok: false,
          error: { code: 'INVALID_FILE' },
        });
        expect(Date.now() - started).toBeLessThan(2_000);
      }
      // The file as written still opens.
      expect(await laptop.value('capture.import', { dataBase64, password: 'booth-password-1' })).toEqual({
        captures: 0,
        alreadyPresent: 1,
      });
    } finally {
      laptop.close();
    }
  });
});

describe('importing a file whose rows break the rules', () => {
  it('refuses the whole file as INVALID_FILE, and imports none of it', async () => {
    const booth = startCore({ demoDatasetFile: undefined });
    const laptop = startCore({ demoDatasetFile: undefined });
    try {
      const eventId = await otherEvent('Rules Expo', booth);
      await booth.value('capture.save', { eventId, language: 'ja', fields: visitor({ familyName: '規則' }) });
      const { dataBase64 } = await booth.value('capture.export', { eventId, password: 'booth-password-1' });
      // The same file, opened with its password and sealed again with a NOT NULL column of the
      // consent record emptied (a row nothing else in the file refers to).
      const envelope = JSON.parse(Buffer.from(dataBase64, 'base64').toString('utf8')) as {
        kdf: { N: number; r: number; p: number; salt: string };
        iv: string;
        tag: string;
        data: string;
      };
      const key = scryptSync('booth-password-1', Buffer.from(envelope.kdf.salt, 'base64'), 32, {
        N: envelope.kdf.N,
        r: envelope.kdf.r,
        p: envelope.kdf.p,
        maxmem: 256 * envelope.kdf.N * envelope.kdf.r,
      });
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
      const payload = JSON.parse(
        Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]).toString('utf8'),
      ) as { tables: { consent_records: Record<string, unknown>[] } };
      expect(payload.tables.consent_records).toHaveLength(1);
      payload.tables.consent_records[0]!.recorded_at = null;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final()]);
      const broken = Buffer.from(
        JSON.stringify({
          ...envelope,
          iv: iv.toString('base64'),
          tag: cipher.getAuthTag().toString('base64'),
          data: data.toString('base64'),
        }),
      ).toString('base64');

      expect(
        await laptop.dispatch('capture.import', { dataBase64: broken, password: 'booth-password-1' }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_FILE', field: 'file' } });
      expect((await laptop.value('events.list', {})).map((event) => event.id)).not.toContain(eventId);
      // The file as written imports.
      expect(await laptop.value('capture.import', { dataBase64, password: 'booth-password-1' })).toMatchObject({
        captures: 1,
      });
    } finally {
      booth.close();
      laptop.close();
    }
  });
});

describe('a crash-saved draft', () => {
  it('keeps every field that still parses when one does not (a draft written by another build)', async () => {
    const dataDir = tempDir();
    const first = startCore({ dataDir, demoDatasetFile: undefined });
    const eventId = await otherEvent('Draft Expo', first);
    await first.value('capture.draft.save', {
      eventId,
      fields: visitor({ familyName: '下書き', company: '株式会社途中', emails: ['half@typed.example.jp'] }),
    });
    first.close();
    // The same row as a build that knows one more scan source and one more rating wrote it.
    const db = new Database(join(dataDir, DATABASE_FILE));
    db.prepare("UPDATE capture_drafts SET fields = json_set(fields, '$.source', 'ocr', '$.rating', 'lukewarm')").run();
    db.close();

    const second = startCore({ dataDir, demoDatasetFile: undefined });
    try {
      const draft = await second.value('capture.draft.get', { eventId });
      expect(draft?.fields).toMatchObject({
        familyName: '下書き',
        givenName: '一郎',
        company: '株式会社途中',
        emails: ['half@typed.example.jp'],
        phones: ['+81355551234'],
        source: 'typed',
        rating: null,
      });
    } finally {
      second.close();
    }
  });
});

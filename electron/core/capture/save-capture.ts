import { isDeepStrictEqual } from 'node:util';
import { eq } from 'drizzle-orm';
import type { CaptureFields } from '../../../src/shared/capture';
import type { Team } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { accounts, captureDrafts, captures, consentRecords, contacts, followUps } from '../db/schema';
import { statement } from '../db/statements';
import { newId } from '../ids';
import { enqueue } from '../outbox/outbox';
import { stampEdits } from '../sync/local-edits';
import { insertTouchpoint } from '../touchpoints/add-touchpoint';
import { CONTACT_LIST_MAX } from '../../../src/shared/sync-api';
import { eventBasics } from '../events/events';
import { discardDraft } from './drafts';
import { isEmail } from './fields';
import { emailDomain } from './matcher';
import { emailKey, mergeLists, normalizeCaptureFields } from './normalize-fields';

export interface CaptureRep {
  name: string;
  team: Team;
  /** New accounts are created in the rep's territory and region. */
  territory: string;
  region: string;
}

export interface SavedCapture {
  id: string;
  accountId: string;
  contactId: string;
  createdAccount: boolean;
}

/** Touchpoint summaries are data, written once in the language the rep works in. */
const SUMMARY = {
  ja: { booth: (event: string) => `${event} ブースで会話`, card: (event: string) => `${event} で名刺交換` },
  en: {
    booth: (event: string) => `Booth conversation at ${event}`,
    card: (event: string) => `Exchanged business cards at ${event}`,
  },
};

function fullName(family: string, given: string, japanese: boolean): string {
  return (japanese ? [family, given] : [given, family]).filter(Boolean).join(' ');
}

/** The refusals a capture can get before anything is written, each on its field. */
function validate(fields: CaptureFields): void {
  if (!fields.familyName && !fields.givenName && fields.emails.length === 0) {
    throw new AppError('CAPTURE_INCOMPLETE', 'A visitor needs at least a name or an e-mail address.', 'familyName');
  }
  fields.emails.forEach((email, index) => {
    if (!isEmail(email)) throw new AppError('NOT_AN_EMAIL', `"${email}" is not an e-mail address.`, `emails.${index}`);
  });
  if (fields.consent.given && !fields.consent.method) {
    throw new AppError('INVALID_INPUT', 'Say how consent was given (checkbox or verbal).', 'consent');
  }
}

/**
 * The capture a retried save already wrote: the form names its capture before saving, so
 * a save whose answer was lost (the core restarted after the commit) is not written twice.
 */
function alreadySaved(
  ctx: CoreContext,
  eventId: string,
  captureId: string,
  fields: CaptureFields,
): SavedCapture | null {
  const row = statement(
    ctx.conn.sqlite,
    'SELECT event_id, account_id, contact_id, fields FROM captures WHERE id = ?',
  ).get(captureId) as { event_id: string; account_id: string; contact_id: string; fields: string } | undefined;
  if (!row) return null;
  if (row.event_id !== eventId) {
    throw new AppError('INVALID_INPUT', `Capture "${captureId}" belongs to another event.`, 'captureId');
  }
  // Changed since the save that went through: saying "saved" would drop the change unseen.
  if (!isDeepStrictEqual(JSON.parse(row.fields), JSON.parse(JSON.stringify(fields)))) {
    throw new AppError(
      'CAPTURE_ALREADY_SAVED',
      'This visitor was saved before the last changes; the changes were not.',
      'captureId',
    );
  }
  // The form may have written the visitor back as a draft after the unclear failure.
  discardDraft(ctx, eventId);
  return { id: captureId, accountId: row.account_id, contactId: row.contact_id, createdAccount: false };
}

/**
 * Saves one visitor in ONE transaction: the account and contact (matched or new), the
 * booth-conversation touchpoint, a business-card touchpoint when a card was exchanged,
 * the consent record, the follow-up task, the capture row, and an outbox row for each,
 * and clears the shift's draft. The UI says "saved" only after this commits.
 */
export function saveCapture(
  ctx: CoreContext,
  eventId: string,
  typed: CaptureFields,
  rep: CaptureRep,
  language: 'ja' | 'en',
  chosenId?: string,
): SavedCapture {
  const fields = normalizeCaptureFields(typed, rep.region);
  if (chosenId !== undefined) {
    const saved = alreadySaved(ctx, eventId, chosenId, fields);
    if (saved) return saved;
  }
  validate(fields);
  const event = eventBasics(ctx, eventId);
  const { db } = ctx.conn;
  const sqlite = ctx.conn.sqlite;
  const now = ctx.now();
  const japanese = /[\u3040-\u30ff\u3400-\u9fff]/.test(fields.familyName + fields.givenName);
  const name = fullName(fields.familyName, fields.givenName, japanese) || (fields.emails[0] ?? '');
  const kana = [fields.familyKana, fields.givenKana].filter(Boolean).join(' ') || null;
  const captureId = chosenId ?? newId(now);

  const result = db.transaction((tx) => {
    // The account: the one the rep attached to, or a new one.
    let accountId = fields.match.accountId;
    let stageCode = 'problem_identification';
    if (accountId) {
      const row = statement(sqlite, 'SELECT stage_code FROM accounts WHERE id = ?').get(accountId) as
        { stage_code: string } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `There is no account "${accountId}".`, 'match.accountId');
      stageCode = row.stage_code;
    } else {
      accountId = newId(now);
      const domain = fields.emails.map(emailDomain).find((d) => d !== null) ?? null;
      const account = {
        id: accountId,
        name: fields.company || domain || name,
        nameKana: fields.companyKana || null,
        domains: domain ? [domain] : [],
        industry: 'unknown',
        size: 'unknown',
        region: rep.region,
        territory: rep.territory,
        stageCode,
        businessNotes: '',
        industryNotes: '',
        createdAt: now,
        updatedAt: now,
      };
      tx.insert(accounts).values(account).run();
      const { updatedAt: _updated, ...wire } = account;
      enqueue(tx, 'account.create', accountId, wire, now);
    }

    // The contact: attached (adding what the booth taught us) or new.
    let contactId = fields.match.contactId;
    if (contactId) {
      const existing = tx.select().from(contacts).where(eq(contacts.id, contactId)).get();
      if (existing?.accountId !== accountId) {
        throw new AppError('UNKNOWN_CONTACT', `Contact "${contactId}" is not at this account.`, 'match.contactId');
      }
      const emails = mergeLists(existing.emails, fields.emails, emailKey, CONTACT_LIST_MAX);
      const phones = mergeLists(existing.phones, fields.phones, (phone) => phone, CONTACT_LIST_MAX);
      const changes: { emails?: string[]; phones?: string[]; title?: string; consent?: 'granted' } = {};
      if (emails.length !== existing.emails.length) changes.emails = emails;
      if (phones.length !== existing.phones.length) changes.phones = phones;
      if (fields.title && fields.title !== existing.title) changes.title = fields.title;
      if (fields.consent.given && existing.consent !== 'granted') changes.consent = 'granted';
      if (Object.keys(changes).length > 0) {
        tx.update(contacts)
          .set({ ...changes, updatedAt: now })
          .where(eq(contacts.id, contactId))
          .run();
        // Field-level, each with a hybrid logical clock: the hub keeps the newest per field.
        const stamped = stampEdits(sqlite, ctx.deviceId, now, 'contact', contactId, changes);
        enqueue(tx, 'contact.update', contactId, { id: contactId, fields: stamped }, now);
      }
    } else {
      contactId = newId(now);
      const contact = {
        id: contactId,
        accountId,
        name,
        nameKana: kana,
        title: fields.title || null,
        department: fields.department || null,
        role: null,
        emails: fields.emails,
        phones: fields.phones,
        consent: fields.consent.given ? ('granted' as const) : ('unknown' as const),
        createdAt: now,
      };
      tx.insert(contacts)
        .values({ ...contact, updatedAt: now })
        .run();
      enqueue(tx, 'contact.create', contactId, contact, now);
    }

    // Touchpoints: the conversation always, the card exchange when there was one.
    const details = {
      eventId,
      captureId,
      rating: fields.rating,
      interests: fields.interests,
      answers: fields.answers,
      ...(fields.notes ? { notes: fields.notes } : {}),
    };
    const addTouchpoint = (
      channel: 'trade_show' | 'business_card',
      summary: string,
      touchpointDetails: Record<string, unknown>,
    ) => {
      const id = newId(now);
      const row = {
        id,
        accountId,
        occurredAt: now,
        channel,
        team: rep.team,
        stageCode,
        summary,
        details: touchpointDetails,
        author: rep.name,
        originDevice: ctx.deviceId,
        supersedesId: null,
        createdAt: now,
      };
      insertTouchpoint(tx, row, [contactId], []);
      return id;
    };
    const boothTouchpointId = addTouchpoint('trade_show', SUMMARY[language].booth(event.name), details);
    const cardTouchpointId = fields.cardGiven
      ? addTouchpoint('business_card', SUMMARY[language].card(event.name), { eventId, captureId })
      : null;

    if (fields.consent.given && fields.consent.method) {
      const consent = {
        id: newId(now),
        contactId,
        eventId,
        granted: true,
        method: fields.consent.method,
        textVersion: event.consentVersion,
        text: event.consentText,
        recordedAt: now,
        rep: rep.name,
      };
      tx.insert(consentRecords).values(consent).run();
      enqueue(
        tx,
        'consent.record',
        consent.id,
        {
          id: consent.id,
          contactId,
          eventId,
          textVersion: consent.textVersion,
          method: consent.method,
          grantedAt: now,
          rep: rep.name,
        },
        now,
      );
    }

    tx.insert(captures)
      .values({
        id: captureId,
        eventId,
        contactId,
        accountId,
        fields,
        rating: fields.rating,
        source: fields.source,
        matchedContact: fields.match.contactId !== null,
        matchedAccount: fields.match.accountId !== null,
        boothTouchpointId,
        cardTouchpointId,
        rep: rep.name,
        createdAt: now,
      })
      .run();

    if (fields.followUp.kind !== 'none') {
      const followUp = {
        id: newId(now),
        captureId,
        contactId,
        eventId,
        kind: fields.followUp.kind,
        contentVersionIds: fields.followUp.contentVersionIds,
        status: 'requested',
        createdAt: now,
        updatedAt: now,
      };
      tx.insert(followUps).values(followUp).run();
      enqueue(
        tx,
        'followup.create',
        followUp.id,
        {
          id: followUp.id,
          contactId,
          eventId,
          kind: followUp.kind,
          contentVersionIds: followUp.contentVersionIds,
          status: 'open',
          note: '',
          author: rep.name,
          createdAt: now,
        },
        now,
      );
    }

    tx.delete(captureDrafts).where(eq(captureDrafts.eventId, eventId)).run();
    return { id: captureId, accountId, contactId, createdAccount: fields.match.accountId === null };
  });
  return result;
}

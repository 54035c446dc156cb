import { CaptureFields } from '../../../src/shared/capture';
import type { CoreContext } from '../context';
import { statement } from '../db/statements';
import { mayContactSql } from './consent-sql';
import { VALID_NOW_SQL } from '../content/presentable';

type Language = 'ja' | 'en';

interface DraftInput {
  eventName: string;
  company: string;
  name: string;
  rep: string;
  contents: string[];
  kind: 'content' | 'meeting';
}

/** Follow-up e-mail templates. They cite content by title and version; the list is already filtered to presentable versions. */
const TEMPLATES: Record<Language, (input: DraftInput) => { subject: string; body: string }> = {
  ja: ({ eventName, company, name, rep, contents, kind }) => ({
    subject: `${eventName} ご来場のお礼`,
    body: [
      `${company}`,
      `${name} 様`,
      '',
      `先日は ${eventName} の弊社ブースにお立ち寄りいただき、誠にありがとうございました。`,
      ...(kind === 'content' && contents.length > 0
        ? ['お話しさせていただいた内容に関連して、以下の資料をお送りいたします。', '', ...contents.map((c) => `・${c}`)]
        : ['改めて詳しくご説明する機会をいただけますと幸いです。ご都合のよい日時をお知らせください。']),
      '',
      'ご不明な点がございましたら、お気軽にお問い合わせください。',
      '',
      rep,
    ].join('\n'),
  }),
  en: ({ eventName, company, name, rep, contents, kind }) => ({
    subject: `Thank you for visiting us at ${eventName}`,
    body: [
      `Dear ${name},`,
      '',
      `Thank you for stopping by our booth at ${eventName}${company ? ` on behalf of ${company}` : ''}.`,
      ...(kind === 'content' && contents.length > 0
        ? ['As promised, here is the material we talked about:', '', ...contents.map((c) => `• ${c}`)]
        : ['I would be glad to continue our conversation in a meeting. Which dates would suit you?']),
      '',
      'Best regards,',
      rep,
    ].join('\n'),
  }),
};

interface PendingRow {
  id: string;
  kind: 'content' | 'meeting';
  content_version_ids: string;
  fields: string;
  contact_name: string;
  account_name: string;
  consent: number;
}

/**
 * Drafts are this device's working text (the rep edits and sends them from their mail
 * client), so they stay local: the hub already has the follow-up task itself.
 *
 * Writes a follow-up draft for every visitor of the event who asked for one. Consent is
 * respected: without a recorded consent no e-mail is drafted (the follow-up is marked
 * blocked instead), and only content that is presentable now is cited.
 */
export function draftFollowUps(
  ctx: CoreContext,
  eventId: string,
  eventName: string,
  language: Language,
  rep: string,
): { drafted: number; blocked: number } {
  const sqlite = ctx.conn.sqlite;
  const now = ctx.now();
  const pending = statement(
    sqlite,
    `SELECT f.id, f.kind, f.content_version_ids, c.fields, p.name AS contact_name, a.name AS account_name,
            ${mayContactSql('f.contact_id')} AS consent
       FROM follow_ups f JOIN captures c ON c.id = f.capture_id
       JOIN contacts p ON p.id = f.contact_id JOIN accounts a ON a.id = c.account_id
      WHERE f.event_id = ? AND f.status IN ('requested', 'blocked_no_consent', 'drafted')`,
  ).all(eventId) as PendingRow[];
  const titles = statement(
    sqlite,
    `SELECT v.title || ' (v' || v.version || ')' AS label FROM content_versions v
      WHERE v.id IN (SELECT value FROM json_each(:ids)) AND ${VALID_NOW_SQL}`,
  );
  const update = statement(
    sqlite,
    'UPDATE follow_ups SET status = ?, draft_language = ?, draft_subject = ?, draft_body = ?, updated_at = ? WHERE id = ?',
  );
  let drafted = 0;
  let blocked = 0;
  sqlite.transaction(() => {
    for (const row of pending) {
      if (row.consent !== 1) {
        update.run('blocked_no_consent', null, null, null, now, row.id);
        blocked++;
        continue;
      }
      const fields = CaptureFields.partial().safeParse(JSON.parse(row.fields));
      // The company as the visitor gave it, or the attached account's name when the field was left empty.
      const company = (fields.success && fields.data.company) || row.account_name;
      const contents = (titles.all({ ids: row.content_version_ids, now }) as { label: string }[]).map((t) => t.label);
      const draft = TEMPLATES[language]({ eventName, company, name: row.contact_name, rep, contents, kind: row.kind });
      update.run('drafted', language, draft.subject, draft.body, now, row.id);
      drafted++;
    }
  })();
  return { drafted, blocked };
}

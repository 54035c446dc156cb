import type Database from 'better-sqlite3';
import { Channel, Team, type ContentRef, type Touchpoint } from '../../../src/shared/domain';
import { statement } from '../db/statements';

export interface TouchpointRow {
  id: string;
  account_id: string;
  occurred_at: number;
  channel: string;
  team: string;
  stage_code: string;
  summary: string;
  details: string;
  author: string;
  origin_device: string;
  supersedes_id: string | null;
}

export const TOUCHPOINT_COLUMNS =
  't.id, t.account_id, t.occurred_at, t.channel, t.team, t.stage_code, t.summary, t.details, t.author, t.origin_device, t.supersedes_id';

/** Adds contacts and content references to a page of touchpoint rows with two queries, not 2 per row. */
export function hydrateTouchpoints(sqlite: Database.Database, rows: TouchpointRow[]): Touchpoint[] {
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((row) => row.id));
  const contactIds = new Map<string, string[]>();
  const people = statement(
    sqlite,
    'SELECT touchpoint_id, contact_id FROM touchpoint_contacts WHERE touchpoint_id IN (SELECT value FROM json_each(?))',
  ).all(ids) as { touchpoint_id: string; contact_id: string }[];
  for (const { touchpoint_id, contact_id } of people) {
    contactIds.set(touchpoint_id, [...(contactIds.get(touchpoint_id) ?? []), contact_id]);
  }
  const content = new Map<string, ContentRef[]>();
  const refs = statement(
    sqlite,
    `SELECT x.touchpoint_id, v.id AS version_id, v.item_id, v.title, v.version
       FROM touchpoint_content x JOIN content_versions v ON v.id = x.content_version_id
      WHERE x.touchpoint_id IN (SELECT value FROM json_each(?))`,
  ).all(ids) as { touchpoint_id: string; version_id: string; item_id: string; title: string; version: number }[];
  for (const ref of refs) {
    content.set(ref.touchpoint_id, [
      ...(content.get(ref.touchpoint_id) ?? []),
      { versionId: ref.version_id, itemId: ref.item_id, title: ref.title, version: ref.version },
    ]);
  }
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    occurredAt: row.occurred_at,
    // Channels and teams from a newer hub that this build does not know show as the nearest generic kind.
    channel: Channel.catch('email').parse(row.channel),
    team: Team.catch('marketing').parse(row.team),
    stageCode: row.stage_code,
    summary: row.summary,
    details: JSON.parse(row.details) as Record<string, unknown>,
    author: row.author,
    originDevice: row.origin_device,
    supersedesId: row.supersedes_id,
    contactIds: contactIds.get(row.id) ?? [],
    content: content.get(row.id) ?? [],
  }));
}

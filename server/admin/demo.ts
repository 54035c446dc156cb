import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { readDatasetFile } from '../../electron/core/demo/load';
import type { BlobStore } from '../content/blob-store';
import { insertRows } from '../db/bulk';
import type { HubDrizzle } from '../db/connection';
import { accounts, contacts, contentItems, contentVersions, events, touchpoints } from '../db/schema';
import { writeTransaction, type ChangeEntry } from '../db/write';
import { registerBlob } from './content';
import { createEnrolmentCode } from './devices';
import { addTeam, addTerritory, addUser } from './people';

const DAY = 86_400_000;
const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** The app's demo dataset and content files: the hub loads exactly what a fresh app would. */
export const DEMO_DATASET = root('resources/demo/dataset.json.gz');
export const DEMO_CONTENT_DIR = root('resources/demo/content');
export const DEMO_REP_EMAIL = 'demo.rep@example.com';

export interface DemoOptions {
  datasetFile?: string;
  contentDir?: string;
  /** The demo rep's territories; all of the dataset's by default. */
  territories?: string[];
  now: number;
}

export interface DemoResult {
  /** False when the dataset was already on this hub (then only a new code is made). */
  loaded: boolean;
  counts: {
    accounts: number;
    contacts: number;
    touchpoints: number;
    events: number;
    contentVersions: number;
    blobs: number;
  };
  email: string;
  code: string;
  territories: string[];
}

/**
 * Loads the demo dataset (the same file and the same whole-day time shift as the app's
 * loader, so the newest touchpoint lands on "today"), registers the demo content files
 * whose hashes the dataset names, creates a demo rep and prints an enrolment code for
 * them. Running it again loads nothing twice and just makes a new code.
 */
export async function loadDemo(db: HubDrizzle, store: BlobStore, options: DemoOptions): Promise<DemoResult> {
  const data = readDatasetFile(options.datasetFile ?? DEMO_DATASET);
  const { now } = options;
  const shift = Math.round((now - data.anchor) / DAY) * DAY;
  const shiftDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + shift).toISOString().slice(0, 10);
  const allTerritories = [...new Set(data.batches.map((b) => b.account.territory))].sort();
  const counts = { accounts: 0, contacts: 0, touchpoints: 0, events: 0, contentVersions: 0, blobs: 0 };
  const firstAccount = data.batches[0]?.account.id;
  const [present] = firstAccount
    ? await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, firstAccount))
    : [];

  if (!present) {
    await writeTransaction(db, async ({ tx, logChanges }) => {
      for (const code of allTerritories) await addTerritory(tx, { code, name: code }, now);
      const changes: ChangeEntry[] = [];
      const eventRows = data.events.map((e) => ({
        ...e,
        startsOn: shiftDay(e.startsOn),
        endsOn: shiftDay(e.endsOn),
        createdAt: now,
      }));
      await insertRows(tx, events, eventRows);
      changes.push(...eventRows.map((e) => ({ kind: 'event' as const, entityId: e.id, territory: null })));
      await insertRows(
        tx,
        contentItems,
        data.contentItems.map((item) => ({ ...item, createdAt: now })),
      );
      const versionRows = data.contentVersions.map((v) => ({
        ...v,
        validFrom: v.validFrom + shift,
        validUntil: v.validUntil === null ? null : v.validUntil + shift,
        createdAt: v.validFrom + shift,
      }));
      await insertRows(tx, contentVersions, versionRows);
      changes.push(...versionRows.map((v) => ({ kind: 'content_version' as const, entityId: v.id, territory: null })));

      for (const { account: a, contacts: people, touchpoints: journey } of data.batches) {
        const created = a.createdAt + shift;
        await insertRows(tx, accounts, [{ ...a, createdAt: created, updatedAt: created, clocks: {} }]);
        await insertRows(
          tx,
          contacts,
          people.map((c) => ({ ...c, createdAt: c.createdAt + shift, updatedAt: c.createdAt + shift, clocks: {} })),
        );
        await insertRows(
          tx,
          touchpoints,
          journey.map((t) => ({
            ...t,
            occurredAt: t.occurredAt + shift,
            originDevice: 'hub',
            supersedesId: null,
            createdAt: t.occurredAt + shift,
          })),
        );
        changes.push({ kind: 'account', entityId: a.id, territory: a.territory });
        for (const c of people) changes.push({ kind: 'contact', entityId: c.id, territory: a.territory });
        for (const t of journey) changes.push({ kind: 'touchpoint', entityId: t.id, territory: a.territory });
        counts.accounts += 1;
        counts.contacts += people.length;
        counts.touchpoints += journey.length;
      }
      counts.events = eventRows.length;
      counts.contentVersions = versionRows.length;
      logChanges(changes);
    });
  }

  const contentDir = options.contentDir ?? DEMO_CONTENT_DIR;
  const wanted = new Set(data.contentVersions.map((v) => v.sha256));
  if (existsSync(contentDir)) {
    const files = readdirSync(contentDir, { withFileTypes: true }).filter((entry) => entry.isFile());
    for (const name of files.map((entry) => entry.name).sort()) {
      const file = join(contentDir, name);
      const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
      if (!wanted.has(sha256)) continue;
      await registerBlob(db, store, file, now);
      counts.blobs += 1;
    }
  }

  await addTeam(db, { code: 'field', name: 'Field sales', function: 'field_sales' }, now);
  const territories = options.territories ?? allTerritories;
  await addUser(db, { name: 'Demo Rep', email: DEMO_REP_EMAIL, role: 'rep', team: 'field', territories }, now);
  const { code } = await createEnrolmentCode(db, DEMO_REP_EMAIL, now);
  return { loaded: !present, counts, email: DEMO_REP_EMAIL, code, territories };
}

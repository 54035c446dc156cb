import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createCore, DATABASE_FILE } from '../../../electron/core/core';
import { MIGRATIONS } from '../../support/paths';
import { measure } from '../stats';
import { territoryDataDir } from '../territory';
import type { BenchRow, BenchSuite } from '../types';

interface Sample {
  name: string;
  name_kana: string | null;
  emails: string;
  phones: string;
  company: string;
}

/** Every prefix of a string: what the matcher sees as the rep types it, keystroke by keystroke. */
function keystrokes(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1));
}

export const captureSuite: BenchSuite = {
  name: 'booth capture',
  async run({ territory, workDir }) {
    const { dataDir } = territoryDataDir(workDir, territory);
    const core = createCore({ dataDir, migrationsFolder: MIGRATIONS, version: 'bench' });
    const raw = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const contactCount = (raw.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;
    const samples = raw
      .prepare(
        `SELECT p.name, p.name_kana, p.emails, p.phones, a.name AS company FROM contacts p JOIN accounts a ON a.id = p.account_id
          ORDER BY p.id LIMIT 40 OFFSET ?`,
      )
      .all(Math.floor(contactCount / 2)) as Sample[];
    const event = raw.prepare('SELECT id FROM events LIMIT 1').get() as { id: string };
    raw.close();
    const call = async (method: string, input: unknown) => {
      const result = await core.dispatch(method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };

    // What the form sends while a visitor is typed: the company letter by letter, then the name, then an e-mail.
    const queries = samples.flatMap((sample) => {
      const [family = '', given = ''] = sample.name.split(' ');
      const email = (JSON.parse(sample.emails) as string[])[0] ?? '';
      return [
        ...keystrokes(sample.company).map((company) => ({ company })),
        ...keystrokes(given).map((typed) => ({ company: sample.company, familyName: family, givenName: typed })),
        { company: sample.company, familyName: family, givenName: given, emails: [email] },
      ];
    });
    const match = await measure(queries.length, (i) => call('capture.match', { fields: queries[i] }));

    const save = await measure(300, (i) =>
      call('capture.save', {
        eventId: event.id,
        language: 'ja',
        fields: {
          familyName: '来場',
          givenName: `太郎${i}`,
          company: `ベンチマーク工業${i}`,
          emails: [`visitor${i}@bench-${i}.example.jp`],
          phones: ['+81312345678'],
          notes: 'デモを希望',
          rating: 'warm',
          consent: { given: true, method: 'checkbox' },
          cardGiven: true,
          followUp: { kind: 'meeting', contentVersionIds: [] },
        },
      }),
    );
    core.close();
    const rows: BenchRow[] = [
      {
        suite: 'capture',
        metric: `match candidates per keystroke p95 (${contactCount.toLocaleString('en')} contacts)`,
        value: match.p95,
        unit: 'ms',
        target: 15,
        lowerIsBetter: true,
        note: `${match.samples} keystrokes; p50 ${match.p50.toFixed(2)} ms`,
      },
      {
        suite: 'capture',
        metric: 'save capture p95 (account, contact, 2 touchpoints, consent, follow-up, outbox; synchronous=FULL)',
        value: save.p95,
        unit: 'ms',
        target: 10,
        lowerIsBetter: true,
        note: `p50 ${save.p50.toFixed(2)} ms`,
      },
    ];
    return rows;
  },
};

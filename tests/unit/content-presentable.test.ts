import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  fileProblem,
  presentabilityProblem,
  validityProblem,
  VALID_NOW_SQL,
  type VersionValidity,
} from '../../electron/core/content/presentable';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const UNTIL = Date.UTC(2026, 11, 31);
const v = (patch: Partial<VersionValidity> = {}): VersionValidity => ({
  version: 1,
  approval: 'approved',
  validFrom: FROM,
  validUntil: UNTIL,
  ...patch,
});
const intact = { problem: null };

describe('presentability: validity on the device clock', () => {
  it('is presentable from the valid-from instant itself', () => {
    expect(validityProblem(v(), FROM)).toBeNull();
    expect(validityProblem(v(), FROM + 1)).toBeNull();
  });

  it('is not yet released while the clock is before valid-from, even by a millisecond', () => {
    expect(validityProblem(v(), FROM - 1)).toBe('not_yet_released');
    expect(validityProblem(v(), FROM - 30 * DAY)).toBe('not_yet_released');
  });

  it('is expired exactly at valid-until, and presentable a millisecond before', () => {
    expect(validityProblem(v(), UNTIL - 1)).toBeNull();
    expect(validityProblem(v(), UNTIL)).toBe('expired');
    expect(validityProblem(v(), UNTIL + DAY)).toBe('expired');
  });

  it('never expires without a valid-until', () => {
    expect(validityProblem(v({ validUntil: null }), UNTIL + 3650 * DAY)).toBeNull();
  });

  it('refuses retired and unapproved versions whatever the dates', () => {
    expect(validityProblem(v({ approval: 'retired' }), FROM + DAY)).toBe('retired');
    expect(validityProblem(v({ approval: 'draft' }), FROM + DAY)).toBe('not_approved');
    expect(validityProblem(v({ approval: 'something-new' }), FROM + DAY)).toBe('not_approved');
    // Retired wins over the date problems: it is the reason that will not go away.
    expect(validityProblem(v({ approval: 'retired' }), UNTIL + DAY)).toBe('retired');
  });

  it('is superseded from the instant a newer released, non-draft version exists', () => {
    const old = v({ validUntil: null });
    const newer = v({ version: 2, validFrom: FROM + 100 * DAY });
    expect(validityProblem(old, FROM + 100 * DAY - 1, [old, newer])).toBeNull();
    expect(validityProblem(old, FROM + 100 * DAY, [old, newer])).toBe('superseded');
    expect(validityProblem(old, FROM + 200 * DAY, [old, { ...newer, approval: 'draft' }])).toBeNull();
    expect(validityProblem(old, FROM + 200 * DAY, [old, { ...newer, approval: 'retired' }])).toBe('superseded');
    // The newer version itself is current; an older one never supersedes it.
    expect(validityProblem(newer, FROM + 200 * DAY, [old, newer])).toBeNull();
  });
});

describe('presentability: the file', () => {
  it('needs the file on this device, intact', () => {
    expect(fileProblem(undefined)).toBe('missing_file');
    expect(fileProblem(intact)).toBeNull();
    for (const problem of ['corrupted', 'empty_file', 'truncated', 'unsupported_type', 'unrenderable'] as const) {
      expect(fileProblem({ problem })).toBe(problem);
    }
  });

  it('treats a verdict this build does not know as damaged', () => {
    expect(fileProblem({ problem: 'quarantined-by-a-newer-build' })).toBe('corrupted');
  });

  it('reports the validity problem before the file problem, and nothing when both are fine', () => {
    expect(presentabilityProblem(v(), undefined, UNTIL)).toBe('expired');
    expect(presentabilityProblem(v(), undefined, FROM)).toBe('missing_file');
    expect(presentabilityProblem(v(), { problem: 'corrupted' }, FROM)).toBe('corrupted');
    expect(presentabilityProblem(v(), intact, FROM)).toBeNull();
  });
});

describe('the SQL form of the rule', () => {
  it('agrees with the TypeScript rule at every boundary', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE content_versions (id TEXT, item_id TEXT, version INTEGER, approval TEXT, valid_from INTEGER,
               valid_until INTEGER, sha256 TEXT);
             CREATE TABLE content_files (sha256 TEXT PRIMARY KEY, problem TEXT);`);
    const versions: (VersionValidity & { id: string; item: string; sha: string })[] = [
      { id: 'a', item: 'A', sha: 'intact', ...v() },
      { id: 'b', item: 'B', sha: 'intact', ...v({ validUntil: null }) },
      { id: 'c', item: 'C', sha: 'intact', ...v({ approval: 'retired' }) },
      { id: 'd', item: 'D', sha: 'missing', ...v() },
      { id: 'e', item: 'E', sha: 'broken', ...v() },
      { id: 'f1', item: 'F', sha: 'intact', ...v({ validUntil: null }) },
      { id: 'f2', item: 'F', sha: 'intact', ...v({ version: 2, validFrom: FROM + 10 * DAY }) },
      { id: 'g', item: 'G', sha: 'intact', ...v({ approval: 'draft' }) },
    ];
    const insert = db.prepare('INSERT INTO content_versions VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const x of versions) insert.run(x.id, x.item, x.version, x.approval, x.validFrom, x.validUntil, x.sha);
    db.exec("INSERT INTO content_files VALUES ('intact', NULL), ('broken', 'corrupted')");
    const files: Record<string, { problem: string | null } | undefined> = {
      intact,
      broken: { problem: 'corrupted' },
    };
    const query = db.prepare(`SELECT v.id FROM content_versions v WHERE ${VALID_NOW_SQL} ORDER BY v.id`);
    for (const now of [FROM - 1, FROM, FROM + 10 * DAY - 1, FROM + 10 * DAY, UNTIL - 1, UNTIL, UNTIL + 1]) {
      const expected = versions
        .filter(
          (x) =>
            presentabilityProblem(
              x,
              files[x.sha],
              now,
              versions.filter((o) => o.item === x.item),
            ) === null,
        )
        .map((x) => x.id)
        .sort();
      expect(
        (query.all({ now }) as { id: string }[]).map((row) => row.id),
        `at ${now}`,
      ).toEqual(expected);
    }
    db.close();
  });
});

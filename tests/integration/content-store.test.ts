import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../src/shared/content';
import { AppError } from '../../src/shared/errors';
import { dropUnusedBlobs, neededBlobs } from '../../electron/core/content/blobs';
import { contentHandlers } from '../../electron/core/content/handlers';
import { resolveServable } from '../../electron/core/content/serve';
import { VALID_NOW_SQL } from '../../electron/core/content/presentable';
import { tempDir } from '../support/paths';
import {
  addVersion,
  DEMO_CONTENT,
  download,
  openContext,
  startContentCore,
  testClock,
  type OpenContext,
} from './content-setup';

const clock = testClock();
const DAY = 86_400_000;
let template: string;
let open: OpenContext | undefined;

/** A copy of a data folder that has been through first run, so each test can damage its own. */
function freshFolder(): string {
  const dir = tempDir();
  cpSync(template, dir, { recursive: true });
  return dir;
}

function world(): OpenContext {
  open = openContext(freshFolder(), clock);
  return open;
}

afterEach(() => {
  open?.close();
  open = undefined;
});

beforeAll(() => {
  const core = startContentCore(clock);
  template = core.dataDir;
  core.close();
}, 90_000);

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

function demoVersion(ctx: OpenContext['ctx'], title: string, version?: number) {
  const found = ctx.library
    .itemIds()
    .flatMap((itemId) => ctx.library.versionsOf(itemId))
    .filter((v) => v.title === title && (version === undefined || v.version === version));
  const last = found.at(-1);
  if (!last) throw new Error(`no demo version "${title}"`);
  return last;
}

describe('content store', () => {
  it('holds every demo file on first run, named by its SHA-256, recorded intact', () => {
    const { ctx } = world();
    const hashes = ctx.content.hashes();
    const wanted = ctx.conn.sqlite.prepare('SELECT DISTINCT sha256 FROM content_versions').all() as {
      sha256: string;
    }[];
    expect(hashes.sort()).toEqual(wanted.map((row) => row.sha256).sort());
    for (const sha256 of hashes) {
      const bytes = readFileSync(ctx.content.pathOf(sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      expect(ctx.library.fileState(sha256)).toEqual({ problem: null });
    }
    expect(readdirSync(join(ctx.dataDir, 'content', 'tmp'))).toEqual([]);
  });

  it('stores a file only after its hash matched; a mismatch is deleted and refused', () => {
    const { ctx } = world();
    const mismatch = JSON.parse(readFileSync(join(DEMO_CONTENT, 'manifest.json'), 'utf8')).find(
      (entry: { broken?: string }) => entry.broken === 'hash-mismatch',
    ) as { file: string; expectedSha256: string };
    const part = ctx.content.partPath(mismatch.expectedSha256);
    writeFileSync(part, readFileSync(join(DEMO_CONTENT, mismatch.file)));
    expect(codeOf(() => ctx.content.adopt(part, mismatch.expectedSha256))).toBe('CONTENT_CORRUPTED');
    expect(existsSync(part)).toBe(false);
    // The intact original was already stored on first run; it is untouched.
    const stored = readFileSync(ctx.content.pathOf(mismatch.expectedSha256));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(mismatch.expectedSha256);
  });

  it('checks the structure of a file stored without a verdict (the app stopped between the move and the check)', () => {
    const { ctx } = world();
    const bytes = Buffer.from('plain text with a correct hash, not a PDF');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { versionId } = addVersion(ctx, {
      title: 'Not a PDF',
      sha256,
      size: bytes.length,
      mime: 'application/pdf',
      pageCount: 1,
      validFrom: clock.now - DAY,
    });
    const part = ctx.content.partPath(sha256);
    writeFileSync(part, bytes);
    ctx.content.adopt(part, sha256);
    expect(ctx.library.fileState(sha256)).toBeUndefined();
    expect(codeOf(() => resolveServable(ctx, versionId, true))).toBe(PROBLEM_CODES.unsupported_type);
    expect(ctx.library.fileState(sha256)).toEqual({ problem: 'unsupported_type' });
  });

  it('never lists or serves a half-written download', () => {
    const { ctx } = world();
    const version = demoVersion(ctx, 'セキュリティ概要', 3);
    ctx.content.remove(version.sha256);
    writeFileSync(ctx.content.partPath(version.sha256), 'half of a file');
    expect(ctx.content.hashes()).not.toContain(version.sha256);
    expect(codeOf(() => resolveServable(ctx, version.id, false))).toBe('CONTENT_FILE_MISSING');
    expect(neededBlobs(ctx).map((blob) => blob.sha256)).toContain(version.sha256);
  });

  it('checks the hash again before serving: a file changed on disk is refused and listed as damaged', () => {
    const { ctx } = world();
    const version = demoVersion(ctx, 'Technical brief for IT');
    expect(resolveServable(ctx, version.id, false).mime).toBe('application/pdf');
    const path = ctx.content.pathOf(version.sha256);
    const bytes = readFileSync(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
    writeFileSync(path, bytes);
    expect(codeOf(() => resolveServable(ctx, version.id, false))).toBe('CONTENT_CORRUPTED');
    expect(ctx.library.problemOf(version, clock.now)).toBe('corrupted');
    const presentable = ctx.conn.sqlite
      .prepare(`SELECT v.id FROM content_versions v WHERE ${VALID_NOW_SQL}`)
      .all({ now: clock.now }) as { id: string }[];
    expect(presentable.map((row) => row.id)).not.toContain(version.id);
    expect(neededBlobs(ctx).map((blob) => blob.sha256)).toContain(version.sha256);
  });

  it('refuses path traversal and anything that is not a version id before any lookup', () => {
    const { ctx } = world();
    for (const id of ['../../etc/passwd', '..', 'a/b', 'a\\b', '%2e%2e%2f', '', ' ', 'x'.repeat(65), 42, null, {}]) {
      expect(
        codeOf(() => resolveServable(ctx, id, false)),
        String(id),
      ).toBe('INVALID_INPUT');
    }
    expect(codeOf(() => resolveServable(ctx, 'no-such-version', false))).toBe('CONTENT_VERSION_MISSING');
    expect(() => ctx.content.pathOf('../../secret')).toThrow(AppError);
    expect(() => ctx.content.partPath('ab/../../x')).toThrow(AppError);
  });

  it('refuses what is not presentable now, each with its code', () => {
    const { ctx } = world();
    expect(codeOf(() => resolveServable(ctx, demoVersion(ctx, '展示会リード管理 ホワイトペーパー').id, true))).toBe(
      'CONTENT_EXPIRED',
    );
    expect(codeOf(() => resolveServable(ctx, demoVersion(ctx, 'Case study: Toyo Seiko').id, true))).toBe(
      'CONTENT_NOT_YET_RELEASED',
    );
    expect(codeOf(() => resolveServable(ctx, demoVersion(ctx, '製造業DX 導入ガイド', 1).id, true))).toBe(
      'CONTENT_SUPERSEDED',
    );
    const gone = demoVersion(ctx, 'API 連携ガイド');
    ctx.content.remove(gone.sha256);
    expect(codeOf(() => resolveServable(ctx, gone.id, true))).toBe('CONTENT_FILE_MISSING');
    expect(ctx.library.problemOf(gone, clock.now)).toBe('missing_file');
  });

  it('gives each bad file its state and code, while the rest of the library keeps working', () => {
    const { ctx } = world();
    const before = ctx.library.search({ query: '', presentableOnly: true, offset: 0, limit: 200 }, clock.now).total;
    const from = clock.now - DAY;
    const manifest = JSON.parse(readFileSync(join(DEMO_CONTENT, 'manifest.json'), 'utf8')) as {
      broken?: string;
      file: string;
      sha256: string;
      size: number;
      mime: string;
    }[];
    const fixture = (name: string) => manifest.find((entry) => entry.broken === name)!;
    const cases = [
      { name: 'truncated', problem: 'truncated' },
      { name: 'empty', problem: 'empty_file' },
      { name: 'unknown-type', problem: 'unsupported_type' },
      { name: 'unrenderable', problem: null },
    ] as const;
    const ids: Record<string, string> = {};
    for (const { name, problem } of cases) {
      const file = fixture(name);
      const { versionId } = addVersion(ctx, {
        title: `Broken ${name}`,
        sha256: file.sha256,
        size: file.size,
        mime: file.mime,
        pageCount: 3,
        validFrom: from,
      });
      ids[name] = versionId;
      expect(download(ctx, join(DEMO_CONTENT, file.file), file.sha256), name).toBe(problem);
    }
    expect(codeOf(() => resolveServable(ctx, ids.truncated, true))).toBe('CONTENT_TRUNCATED');
    expect(codeOf(() => resolveServable(ctx, ids.empty, true))).toBe('CONTENT_EMPTY_FILE');
    expect(codeOf(() => resolveServable(ctx, ids['unknown-type'], true))).toBe('CONTENT_UNSUPPORTED_TYPE');

    // The unrenderable PDF passes every check the core can make; the viewer's report retires it for good.
    expect(resolveServable(ctx, ids.unrenderable, true).mime).toBe('application/pdf');
    const handlers = contentHandlers(() => ctx);
    expect(
      handlers['content.reportProblem']({
        versionId: ids.unrenderable ?? '',
        problem: 'unrenderable',
        detail: 'getPage',
      }),
    ).toEqual({ problem: 'unrenderable' });
    expect(codeOf(() => resolveServable(ctx, ids.unrenderable, true))).toBe(PROBLEM_CODES.unrenderable);

    const listed = ctx.library.search({ query: 'broken', presentableOnly: false, offset: 0, limit: 20 }, clock.now);
    expect(Object.fromEntries(listed.items.map((item) => [item.shown.title, item.shown.problem]))).toEqual({
      'Broken truncated': 'truncated',
      'Broken empty': 'empty_file',
      'Broken unknown-type': 'unsupported_type',
      'Broken unrenderable': 'unrenderable',
    });
    expect(ctx.library.search({ query: '', presentableOnly: true, offset: 0, limit: 200 }, clock.now).total).toBe(
      before,
    );
  });

  it('tells the sync engine what to download and drops files nothing current or upcoming uses', () => {
    const { ctx } = world();
    expect(neededBlobs(ctx)).toEqual([]);
    const current = demoVersion(ctx, 'エネルギー業界事例集');
    const source = join(DEMO_CONTENT, '25-energy-sector-case-collection-v1.pdf');
    ctx.content.remove(current.sha256);
    expect(neededBlobs(ctx)).toEqual([{ sha256: current.sha256, size: current.size }]);
    expect(download(ctx, source, current.sha256)).toBeNull();
    expect(neededBlobs(ctx)).toEqual([]);
    expect(resolveServable(ctx, current.id, true).size).toBe(statSync(source).size);

    const expired = demoVersion(ctx, '展示会リード管理 ホワイトペーパー');
    const superseded = demoVersion(ctx, '製造業DX 導入ガイド', 1);
    const upcoming = demoVersion(ctx, 'Case study: Toyo Seiko');
    const { removed } = dropUnusedBlobs(ctx);
    expect(removed).toBeGreaterThan(10);
    expect(ctx.content.has(expired.sha256)).toBe(false);
    expect(ctx.content.has(superseded.sha256)).toBe(false);
    expect(ctx.content.has(upcoming.sha256)).toBe(true);
    expect(ctx.content.has(current.sha256)).toBe(true);
    expect(ctx.library.fileState(expired.sha256)).toBeUndefined();
  });
});

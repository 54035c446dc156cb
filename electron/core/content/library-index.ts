import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  ContentTags,
  EXPIRING_SOON_MS,
  LibraryQuery,
  type LibraryFacets,
  type LibraryItem,
  type LibraryVersion,
} from '../../../src/shared/content';
import { ContentKind } from '../../../src/shared/domain';
import { en } from '../../../src/i18n/en';
import { ja } from '../../../src/i18n/ja';
import { normalizeForSearch, queryForms } from '../search/normalize';
import { presentabilityProblem, validityProblem, type StoredFileState } from './presentable';

/** A content version as the index holds it: the row, parsed, plus its search text. */
export interface IndexedVersion {
  id: string;
  itemId: string;
  kind: z.infer<typeof ContentKind>;
  version: number;
  title: string;
  language: string;
  approval: string;
  validFrom: number;
  validUntil: number | null;
  sha256: string;
  size: number;
  mime: string;
  pageCount: number | null;
  tags: ContentTags;
  keyMessages: string[];
  /** Title, key messages and tags (codes, English and Japanese labels), normalised for search. */
  text: string;
  titleText: string;
  /** Position of the title in collation order, so sorting thousands of results costs no string compares. */
  rank: number;
}

interface VersionRow {
  id: string;
  item_id: string;
  kind: string;
  version: number;
  title: string;
  language: string;
  approval: string;
  valid_from: number;
  valid_until: number | null;
  sha256: string;
  size: number;
  mime: string;
  page_count: number | null;
  tags: string;
  key_messages: string;
}

const StoredTags = z
  .object({
    stages: z.array(z.string()).catch([]),
    industries: z.array(z.string()).catch([]),
    roles: z.array(z.string()).catch([]),
    products: z.array(z.string()).catch([]),
  })
  .catch({ stages: [], industries: [], roles: [], products: [] });
const StoredMessages = z.array(z.string()).catch([]);

type LabelGroup = 'industry' | 'role' | 'product' | 'languageName' | 'contentKind';

/** A tag's code and its English and Japanese labels: a rep finds 製造業 content by typing either. */
function labels(group: LabelGroup, code: string): string[] {
  const pick = (messages: Record<string, unknown>) => {
    const value = (messages[group] as Record<string, unknown> | undefined)?.[code];
    return typeof value === 'string' ? value : '';
  };
  return [code.replace(/_/g, ' '), pick(en), pick(ja)];
}

const collator = new Intl.Collator('ja', { sensitivity: 'base', numeric: true });
const FIELD = '\u0000';

function termsOf(query: string): string[][] {
  return query
    .split(/[\s\u3000]+/)
    .map(queryForms)
    .filter((forms) => forms.length > 0);
}

function matches(text: string, terms: string[][]): boolean {
  return terms.every((forms) => forms.some((form) => text.includes(form)));
}

/**
 * The content library in memory: every version with its search text, and the store's
 * verdict on every file. Searching 5,000 versions is a linear scan in well under a
 * millisecond, and the "shown" version of each item is worked out on the device clock at
 * query time, so an item that expired a minute ago is already listed as expired.
 */
export class ContentLibrary {
  private byId = new Map<string, IndexedVersion>();
  /** Each item's versions, oldest first. */
  private byItem = new Map<string, IndexedVersion[]>();
  private files = new Map<string, StoredFileState>();
  /** Buying stages in order, with their labels (configurable, so they come from the database). */
  private stages: { code: string; label_ja: string; label_en: string }[] = [];

  load(sqlite: Database.Database): void {
    this.stages = sqlite.prepare('SELECT code, label_ja, label_en FROM stages ORDER BY position').all() as {
      code: string;
      label_ja: string;
      label_en: string;
    }[];
    const rows = sqlite
      .prepare(
        `SELECT v.id, v.item_id, i.kind, v.version, v.title, v.language, v.approval, v.valid_from, v.valid_until,
                v.sha256, v.size, v.mime, v.page_count, v.tags, v.key_messages
           FROM content_versions v JOIN content_items i ON i.id = v.item_id
          ORDER BY v.item_id, v.version`,
      )
      .all() as VersionRow[];
    const versions = rows.map((row) => this.toIndexed(row));
    const order = [...versions].sort((a, b) => collator.compare(a.title, b.title));
    order.forEach((version, position) => (version.rank = position));
    this.byId = new Map(versions.map((v) => [v.id, v]));
    this.byItem = new Map();
    for (const version of versions) {
      const list = this.byItem.get(version.itemId);
      if (list) list.push(version);
      else this.byItem.set(version.itemId, [version]);
    }
    this.files = new Map(
      (
        sqlite.prepare('SELECT sha256, problem FROM content_files').all() as {
          sha256: string;
          problem: string | null;
        }[]
      ).map((row) => [row.sha256, { problem: row.problem }]),
    );
  }

  /** The store's verdict on a file changed (undefined: the file is gone). Call after the write committed. */
  setFile(sha256: string, state: StoredFileState | undefined): void {
    if (state) this.files.set(sha256, state);
    else this.files.delete(sha256);
  }

  fileState(sha256: string): StoredFileState | undefined {
    return this.files.get(sha256);
  }

  itemIds(): string[] {
    return [...this.byItem.keys()];
  }

  get(versionId: string): IndexedVersion | undefined {
    return this.byId.get(versionId);
  }

  versionsOf(itemId: string): IndexedVersion[] {
    return this.byItem.get(itemId) ?? [];
  }

  /** Why this version may not be shown now whatever its file (expired, retired, superseded…), or null. */
  validityOf(version: IndexedVersion, now: number) {
    return validityProblem(version, now, this.versionsOf(version.itemId));
  }

  problemOf(version: IndexedVersion, now: number) {
    return presentabilityProblem(version, this.files.get(version.sha256), now, this.versionsOf(version.itemId));
  }

  describe(version: IndexedVersion, now: number): LibraryVersion {
    const problem = this.problemOf(version, now);
    return {
      versionId: version.id,
      itemId: version.itemId,
      kind: version.kind,
      version: version.version,
      title: version.title,
      language: version.language,
      mime: version.mime,
      size: version.size,
      pageCount: version.pageCount,
      validFrom: version.validFrom,
      validUntil: version.validUntil,
      tags: version.tags,
      keyMessages: version.keyMessages,
      problem,
      expiringSoon: problem === null && version.validUntil !== null && version.validUntil - now <= EXPIRING_SOON_MS,
    };
  }

  /**
   * The version a rep would show of an item: the current one (approved, released, not
   * expired or superseded, whatever the state of its file); failing that, the newest
   * released one (expired or retired, to say why); failing that, the next one to come.
   */
  current(itemId: string, now: number): IndexedVersion | undefined {
    const versions = this.versionsOf(itemId);
    const newestFirst = [...versions].reverse();
    return (
      newestFirst.find((v) => validityProblem(v, now, versions) === null) ??
      newestFirst.find((v) => v.approval !== 'draft' && v.validFrom <= now) ??
      newestFirst.find((v) => v.approval === 'approved') ??
      newestFirst[0]
    );
  }

  /** The item as the library lists it, or undefined for an item this device does not know. */
  item(itemId: string, now: number): LibraryItem | undefined {
    const shown = this.current(itemId, now);
    if (!shown) return undefined;
    const versions = this.versionsOf(itemId);
    const next = versions.find((v) => v.version > shown.version && v.approval === 'approved' && v.validFrom > now);
    return {
      itemId,
      kind: shown.kind,
      shown: this.describe(shown, now),
      versionCount: versions.length,
      upcoming: next ? { version: next.version, validFrom: next.validFrom } : null,
    };
  }

  search(input: z.output<typeof LibraryQuery>, now: number): { total: number; items: LibraryItem[] } {
    const terms = termsOf(input.query);
    const hits: { version: IndexedVersion; titleHit: boolean; presentable: boolean }[] = [];
    for (const itemId of this.byItem.keys()) {
      const version = this.current(itemId, now);
      if (!version) continue;
      if (input.kind !== undefined && version.kind !== input.kind) continue;
      if (input.language !== undefined && version.language !== input.language) continue;
      if (input.stage !== undefined && !version.tags.stages.includes(input.stage)) continue;
      if (input.industry !== undefined && !version.tags.industries.includes(input.industry)) continue;
      if (input.role !== undefined && !version.tags.roles.includes(input.role)) continue;
      if (input.product !== undefined && !version.tags.products.includes(input.product)) continue;
      if (terms.length > 0 && !matches(version.text, terms)) continue;
      const presentable = this.problemOf(version, now) === null;
      if (input.presentableOnly && !presentable) continue;
      hits.push({ version, titleHit: terms.length > 0 && matches(version.titleText, terms), presentable });
    }
    // Presentable first, then title matches before matches in tags or key messages, then by title.
    hits.sort(
      (a, b) =>
        Number(b.presentable) - Number(a.presentable) ||
        Number(b.titleHit) - Number(a.titleHit) ||
        a.version.rank - b.version.rank,
    );
    const page = hits.slice(input.offset, input.offset + input.limit);
    return {
      total: hits.length,
      items: page.flatMap(({ version }) => this.item(version.itemId, now) ?? []),
    };
  }

  facets(): LibraryFacets {
    const collect = (pick: (v: IndexedVersion) => string[]) =>
      [...new Set([...this.byId.values()].flatMap(pick))].sort((a, b) => collator.compare(a, b));
    const used = new Set(collect((v) => v.tags.stages));
    return {
      stages: this.stages.map((stage) => stage.code).filter((code) => used.has(code)),
      industries: collect((v) => v.tags.industries),
      roles: collect((v) => v.tags.roles),
      products: collect((v) => v.tags.products),
      languages: collect((v) => [v.language]),
      kinds: ContentKind.options.filter((kind) => [...this.byId.values()].some((v) => v.kind === kind)),
    };
  }

  private toIndexed(row: VersionRow): IndexedVersion {
    const tags = StoredTags.parse(JSON.parse(row.tags));
    const keyMessages = StoredMessages.parse(JSON.parse(row.key_messages));
    const kind = ContentKind.catch('pdf').parse(row.kind);
    const words = [
      row.title,
      ...keyMessages,
      ...tags.industries.flatMap((code) => labels('industry', code)),
      ...tags.roles.flatMap((code) => labels('role', code)),
      ...tags.products.flatMap((code) => labels('product', code)),
      ...tags.stages.flatMap((code) => {
        const stage = this.stages.find((candidate) => candidate.code === code);
        return [code.replace(/_/g, ' '), stage?.label_en ?? '', stage?.label_ja ?? ''];
      }),
      ...labels('languageName', row.language),
      ...labels('contentKind', kind),
    ];
    return {
      id: row.id,
      itemId: row.item_id,
      kind,
      version: row.version,
      title: row.title,
      language: row.language,
      approval: row.approval,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      sha256: row.sha256,
      size: row.size,
      mime: row.mime,
      pageCount: row.page_count,
      tags,
      keyMessages,
      text: words.map(normalizeForSearch).join(FIELD),
      titleText: normalizeForSearch(row.title),
      rank: 0,
    };
  }
}

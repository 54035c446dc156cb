import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryItem } from '../../src/shared/content';
import { startCore, type TestCore } from '../support/core';

let core: TestCore;
const search = async (input: Parameters<TestCore['value']>[1] & object) =>
  (await core.value('content.library', { limit: 100, ...input })).items;
const titles = (items: LibraryItem[]) => items.map((item) => item.shown.title);

beforeAll(() => {
  core = startCore();
}, 90_000);
afterAll(() => core.close());

describe('library search and filters', () => {
  it('lists every item once, presentable first, each with its state', async () => {
    const items = await search({});
    expect(items).toHaveLength(30);
    const firstProblem = items.findIndex((item) => item.shown.problem !== null);
    expect(items.slice(firstProblem).every((item) => item.shown.problem !== null)).toBe(true);
    expect(
      items
        .map((item) => item.shown.problem)
        .filter(Boolean)
        .sort(),
    ).toEqual(['expired', 'not_yet_released']);
    expect(items.filter((item) => item.shown.expiringSoon).map((item) => item.shown.title)).toEqual([
      'オフライン同期の仕組み',
    ]);
  });

  it('finds titles, key messages and tags in Japanese or English, readings in romaji', async () => {
    expect(titles(await search({ query: 'roi' }))).toEqual(['ROI 試算シート']);
    expect(titles(await search({ query: 'gaido' })).sort()).toEqual(
      ['API 連携ガイド', '名刺管理 連携ガイド', '製造業DX 導入ガイド'].sort(),
    );
    expect(titles(await search({ query: 'ﾄﾚｰﾆﾝｸﾞ' }))).toEqual(['トレーニング資料']);
    for (const item of await search({ query: 'オフラインでも承認済み' })) {
      expect(item.shown.keyMessages.join()).toContain('オフラインでも承認済み');
    }
    // The industry tag is found by its Japanese label and by its English one (a Japanese title adds a match).
    const byJapaneseLabel = await search({ query: '物流' });
    const byEnglishLabel = await search({ query: 'logistics' });
    expect(byEnglishLabel.length).toBeGreaterThan(1);
    expect(titles(byJapaneseLabel)).toEqual(expect.arrayContaining(titles(byEnglishLabel)));
    for (const item of byJapaneseLabel) {
      expect(item.shown.tags.industries.includes('logistics') || item.shown.title.includes('物流')).toBe(true);
    }
    // Every word must match somewhere: a second word narrows.
    expect((await search({ query: 'case study bergmann' })).map((item) => item.shown.title)).toEqual([
      'Case study: Bergmann GmbH',
    ]);
  });

  it('filters by stage, industry, role, product, language and type', async () => {
    const filtered = await search({ stage: 'adoption', language: 'ja', kind: 'pdf', presentableOnly: true });
    expect(filtered.length).toBeGreaterThan(0);
    for (const { shown } of filtered) {
      expect(shown.tags.stages).toContain('adoption');
      expect([shown.language, shown.kind, shown.problem]).toEqual(['ja', 'pdf', null]);
    }
    for (const { shown } of await search({ industry: 'energy', role: 'champion' })) {
      expect(shown.tags.industries).toContain('energy');
      expect(shown.tags.roles).toContain('champion');
    }
    expect(titles(await search({ product: 'capture', kind: 'pdf' })).sort()).toEqual(
      ['名刺管理 連携ガイド', '展示会リード管理 ホワイトペーパー'].sort(),
    );
    const facets = await core.value('content.facets', {});
    expect(facets.kinds).toEqual(['pdf', 'image', 'video']);
    expect(facets.languages).toEqual(['en', 'ja']);
  });

  it("recommends presentable items for an account's stage, industry and committee, leaving out what all have seen", async () => {
    const { items: accounts } = await core.value('accounts.search', { query: '', limit: 20 });
    for (const account of accounts) {
      const recommended = await core.value('content.recommended', { accountId: account.id });
      const { contacts } = await core.value('accounts.get', { id: account.id });
      for (const entry of recommended) {
        expect(entry.item.shown.problem).toBeNull();
        expect(entry.reasons.length).toBeGreaterThan(0);
        expect(entry.seenBy).toBeLessThan(Math.max(1, contacts.length));
      }
      const scores = recommended.map((entry) => entry.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });
});

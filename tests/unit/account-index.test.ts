import { describe, expect, it } from 'vitest';
import { AccountSearchIndex, type IndexedAccount } from '../../electron/core/search/account-index';

function account(
  id: string,
  name: string,
  nameKana: string | null,
  extra: Partial<IndexedAccount> = {},
): IndexedAccount {
  return {
    id,
    name,
    nameKana,
    domains: [`${id}.example.jp`],
    industry: 'manufacturing',
    territory: 'kanto',
    region: 'JP',
    stageCode: 'problem_identification',
    contacts: [],
    ...extra,
  };
}

function buildIndex(): AccountSearchIndex {
  const index = new AccountSearchIndex();
  index.load([
    account('tr', '株式会社トライツ', 'トライツ', {
      contacts: [{ name: '佐藤 花子', nameKana: 'サトウ ハナコ', emails: ['hanako.sato@triz.example.jp'] }],
    }),
    account('ya', '山田製作所(株)', 'ヤマダセイサクショ', { territory: 'kansai', stageCode: 'adoption' }),
    account('ac', 'Acme GmbH', null, { industry: 'energy', domains: ['acme.de'] }),
    account('tk', '東京トライツ商事', 'トウキョウトライツショウジ'),
  ]);
  return index;
}

const all = { offset: 0, limit: 50 };
const ids = (result: { items: { id: string }[] }) => result.items.map((item) => item.id);

describe('AccountSearchIndex', () => {
  it('finds an account by half-width katakana, hiragana and romaji of its reading', () => {
    const index = buildIndex();
    for (const query of ['ﾄﾗｲﾂ', 'とらいつ', 'toraitsu', 'TORAITU']) {
      expect(ids(index.search({ query, ...all })).sort()).toEqual(['tk', 'tr']);
    }
  });

  it('ranks a name that starts with the query before one that only contains it', () => {
    const result = buildIndex().search({ query: 'トライツ', ...all });
    expect(ids(result)).toEqual(['tr', 'tk']);
  });

  it('answers one-character queries, Japanese included', () => {
    expect(ids(buildIndex().search({ query: '山', ...all }))).toEqual(['ya']);
  });

  it('matches full-width Latin against ASCII names and domains', () => {
    expect(ids(buildIndex().search({ query: 'ＡＣＭＥ', ...all }))).toEqual(['ac']);
    expect(ids(buildIndex().search({ query: 'acme.de', ...all }))).toEqual(['ac']);
  });

  it('finds an account through a contact name or e-mail and says which contact matched', () => {
    const index = buildIndex();
    const byEmail = index.search({ query: 'hanako.sato@', ...all });
    expect(byEmail.items).toMatchObject([{ id: 'tr', matchedContact: '佐藤 花子' }]);
    expect(ids(index.search({ query: 'さとう', ...all }))).toEqual(['tr']);
  });

  it('combines the query with stage, territory and industry filters', () => {
    const index = buildIndex();
    expect(ids(index.search({ query: '', territory: 'kansai', ...all }))).toEqual(['ya']);
    expect(ids(index.search({ query: '', stageCode: 'adoption', ...all }))).toEqual(['ya']);
    expect(ids(index.search({ query: '', industry: 'energy', ...all }))).toEqual(['ac']);
    expect(index.search({ query: 'toraitsu', territory: 'kansai', ...all }).total).toBe(0);
  });

  it('pages with offset and limit and reports the total', () => {
    const index = buildIndex();
    const first = index.search({ query: '', offset: 0, limit: 3 });
    const second = index.search({ query: '', offset: 3, limit: 3 });
    expect(first.total).toBe(4);
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(4);
  });

  it('replaces an account in place when it is upserted after a write', () => {
    const index = buildIndex();
    index.upsert(account('ya', '山田製作所(株)', 'ヤマダセイサクショ', { stageCode: 'expansion' }));
    expect(index.size).toBe(4);
    expect(index.search({ query: '山田', ...all }).items[0]?.stageCode).toBe('expansion');
  });
});

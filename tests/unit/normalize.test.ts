import { describe, expect, it } from 'vitest';
import { normalizeForSearch, queryForms, romajiOf } from '../../electron/core/search/normalize';

describe('normalizeForSearch', () => {
  it('folds full and half width, case and spaces', () => {
    expect(normalizeForSearch('Ａｃｍｅ　ＧｍｂＨ')).toBe('acmegmbh');
    expect(normalizeForSearch('Acme GmbH')).toBe('acmegmbh');
  });

  it('reads katakana (full or half width) and hiragana alike', () => {
    expect(normalizeForSearch('ﾄﾗｲﾂ')).toBe('とらいつ');
    expect(normalizeForSearch('トライツ')).toBe('とらいつ');
    expect(normalizeForSearch('とらいつ')).toBe('とらいつ');
  });

  it('turns the circled ㈱ into (株) so either form finds the other', () => {
    expect(normalizeForSearch('㈱トライツ')).toBe(normalizeForSearch('(株)トライツ'));
  });

  it('drops the katakana middle dot used in foreign names', () => {
    expect(normalizeForSearch('アンナ・ミュラー')).toBe('あんなみゅらー');
  });
});

describe('queryForms', () => {
  it('adds the kana form of a romaji query, in Hepburn or Kunrei spelling', () => {
    expect(queryForms('toraitsu')).toEqual(['toraitsu', 'とらいつ']);
    expect(queryForms('toraitu')).toEqual(['toraitu', 'とらいつ']);
  });

  it('keeps English words as they are', () => {
    expect(queryForms('Acme')).toEqual(['acme']);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(queryForms('   ')).toEqual([]);
  });

  it('gives romaji of a reading for the index', () => {
    expect(romajiOf('トライツ')).toBe('toraitsu');
    // Half-width readings (some imports and phones write them so) give the same romaji.
    expect(romajiOf('ｼﾝｲﾁｺｳｷﾞｮｳ')).toBe(romajiOf('シンイチコウギョウ'));
    expect(romajiOf('ｹﾝｲﾁ')).toBe('kenichi');
  });
});

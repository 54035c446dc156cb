import { isRomaji, toHiragana, toRomaji } from 'wanakana';

const KATAKANA_START = 0x30a1;
const KATAKANA_END = 0x30f6;
const KANA_OFFSET = 0x60;

/** Katakana → hiragana by code point, leaving everything else alone (unlike wanakana, which would also convert romaji). */
function katakanaToHiragana(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    out += code >= KATAKANA_START && code <= KATAKANA_END ? String.fromCodePoint(code - KANA_OFFSET) : char;
  }
  return out;
}

/**
 * The search form of a string: NFKC (full/half width, ㈱ → (株)), lower case, katakana as
 * hiragana, no spaces or middle dots. Both the index and the query pass through this.
 */
export function normalizeForSearch(value: string): string {
  return katakanaToHiragana(value.normalize('NFKC').toLowerCase()).replace(/[\s\u30fb・]+/g, '');
}

const romajiCache = new Map<string, string>();

/**
 * Romaji of a kana reading, so "toraitsu" finds トライツ and "kenichi" finds ケンイチ
 * (wanakana writes ken'ichi; the apostrophe goes). Cached: readings repeat a lot (佐藤,
 * 鈴木…) and conversion dominates index building at 250,000 contacts.
 */
export function romajiOf(reading: string): string {
  let romaji = romajiCache.get(reading);
  if (romaji === undefined) {
    // wanakana reads full-width kana only: ｼﾝｲﾁ (half width, as some imports and phones write it) first becomes シンイチ.
    romaji = normalizeForSearch(toRomaji(reading.normalize('NFKC'))).replace(/'/g, '');
    romajiCache.set(reading, romaji);
  }
  return romaji;
}

/**
 * The forms a query is matched in: as typed (normalised), and when it is romaji, also as
 * kana, so "toraitu" (Kunrei) and "toraitsu" (Hepburn) both find とらいつ.
 */
export function queryForms(query: string): string[] {
  const normalized = normalizeForSearch(query);
  if (normalized === '') return [];
  const forms = [normalized];
  if (isRomaji(normalized) && /[a-z]/.test(normalized)) {
    const kana = toHiragana(normalized);
    if (!/[a-z]/.test(kana) && kana !== normalized) forms.push(kana);
  }
  return forms;
}

import { normalizeForSearch } from '../search/normalize';

/**
 * Legal forms, as whole words (Latin) or anywhere (Japanese, where they are unambiguous),
 * after NFKC and lower-casing. Order matters: longer forms first.
 */
const JAPANESE_FORMS = /株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|\(同\)|㈱|㈲/g;
const LATIN_FORMS =
  /(^|[\s,.])(co\.?,?\s*ltd|kabushiki\s*kaisha|k\.?k|inc|incorporated|corp|corporation|company|gmbh|ag|ltd|limited|llc|plc|s\.?a|sarl|bv|nv|oy|ab)\.?(?=$|[\s,.])/g;

export function hasLegalForm(name: string): boolean {
  const folded = name.normalize('NFKC').toLowerCase();
  JAPANESE_FORMS.lastIndex = 0;
  LATIN_FORMS.lastIndex = 0;
  return JAPANESE_FORMS.test(folded) || LATIN_FORMS.test(folded);
}

/**
 * The comparable form of a company name: 「株式会社トライツ」, 「トライツ(株)」 and 「ﾄﾗｲﾂ」 all
 * become 「とらいつ」; 「Ａｃｍｅ ＧｍｂＨ」 (full width) and 「acme gmbh」 both become 「acme」.
 */
export function companyKey(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase().replace(JAPANESE_FORMS, ' ');
  let previous: string;
  let stripped = folded;
  // A name can carry more than one form ("Acme Co., Ltd. Inc."); strip until nothing changes.
  do {
    previous = stripped;
    stripped = stripped.replace(LATIN_FORMS, '$1');
  } while (stripped !== previous);
  return normalizeForSearch(stripped).replace(/[.,&'’()・-]/g, '');
}

/** The comparable form of a person's name: no spaces, width, case or kana differences. */
export function personKey(...parts: string[]): string {
  return normalizeForSearch(parts.join(''));
}

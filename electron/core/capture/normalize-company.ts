import { normalizeForSearch } from '../search/normalize';

/**
 * Legal forms, as whole words (Latin) or anywhere (Japanese, where they are unambiguous),
 * after NFKC and lower-casing. Order matters: longer forms first.
 */
const JAPANESE_FORMS =
  /株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|特定非営利活動法人|npo法人|医療法人社団|医療法人財団|医療法人|学校法人|社会福祉法人|\(株\)|\(有\)|\(同\)|\(一社\)|\(一財\)|\(公社\)|\(公財\)|㈱|㈲|㈳|㈶/g;
const LATIN_FORMS =
  /(^|[\s,.])(gmbh\s*&\s*co\.?\s*kg|co\.?,?\s*ltd|kabushiki\s*kaisha|k\.?k|inc|incorporated|corp|corporation|company|gmbh|ag|kg|ltd|limited|llc|plc|pte|pty|sdn\.?\s*bhd|s\.?a|sarl|bv|nv|oy|ab)\.?(?=$|[\s,.])/g;

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

import type { TFunction } from 'i18next';
import type { LibraryVersion } from '../../shared/content';
import { formatDate } from '../../lib/format';

/** The validity line of a version: when it expired, when it will be released, or until when it is valid. */
export function validityText(t: TFunction, version: LibraryVersion, language: string): string {
  if (version.problem === 'not_yet_released')
    return t('library.releasesOn', { date: formatDate(version.validFrom, language) });
  if (version.validUntil === null) return t('library.untilSuperseded');
  if (version.problem === 'expired') return t('library.expiredOn', { date: formatDate(version.validUntil, language) });
  return t('library.validUntil', { date: formatDate(version.validUntil, language) });
}

/** "PDF · 8 pages · 日本語": what a card says about the file. */
export function fileText(t: TFunction, version: LibraryVersion): string {
  const kind = t(`contentKind.${version.kind}`);
  const pages = version.pageCount === null ? [] : [t('library.pages', { count: version.pageCount })];
  return [kind, ...pages, t(`languageName.${version.language}`, { defaultValue: version.language })].join(' · ');
}

import type { PresenterSlide } from '../../src/shared/content';

/** Slide `n` of a test presentation: an image unless told otherwise (pdf.js does not load in jsdom). */
export const presenterSlide = (n: number, kind: PresenterSlide['kind'] = 'image'): PresenterSlide => ({
  versionId: `v${n}`,
  kind,
  mime: kind === 'video' ? 'video/mp4' : 'image/png',
  page: null,
  itemId: `i${n}`,
  title: `Item ${n}`,
  version: 1,
  pageCount: null,
  notes: '',
  keyMessages: [],
});

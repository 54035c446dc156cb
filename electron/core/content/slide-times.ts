import type { SlideTime } from '../../../src/shared/content';

/**
 * Time on screen per slide. A stretch runs from the moment a slide is shown until the next
 * page turn, blank or end; each slide keeps its total and its longest stretch, because a
 * page counts as seen only after PAGE_SEEN_MS at a stretch (flicking past it three times
 * is not seeing it).
 */
export function closeStretch(
  times: readonly SlideTime[],
  position: number,
  shownAt: number | null,
  until: number,
): SlideTime[] {
  const next = times.map((time) => ({ ...time }));
  const slide = next[position];
  if (shownAt === null || !slide) return next;
  const stretch = Math.max(0, until - shownAt);
  slide.totalMs += stretch;
  slide.longestMs = Math.max(slide.longestMs, stretch);
  return next;
}

export function emptyTimes(count: number): SlideTime[] {
  return Array.from({ length: count }, () => ({ totalMs: 0, longestMs: 0 }));
}

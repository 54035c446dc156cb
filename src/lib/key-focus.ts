/** The little of a DOM element this needs (so it is testable without a browser). */
interface FocusTarget {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
}

/**
 * Whether a key press belongs to the focused element rather than to a page's shortcuts:
 * anything typed into a form field, and Enter or Space on a button or link, which activate
 * it. A window-wide handler that took those would, say, end a presentation when the rep
 * pressed Enter on "Keep presenting".
 */
export function keyBelongsToFocus(event: { key: string; target: unknown }): boolean {
  const target = event.target as FocusTarget | null;
  if (!target?.tagName) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  const activates = event.key === 'Enter' || event.key === ' ';
  return activates && Boolean(target.closest?.('button, a[href], [role="button"], summary'));
}

/** Percent done, or null when the total is unknown (a pull: the hub does not say how much is left). */
export function syncPercent(progress: { done: number; total: number } | null): number | null {
  if (!progress || progress.total <= 0) return null;
  return Math.min(100, Math.round((100 * progress.done) / progress.total));
}

/**
 * Delay before retry number `attempt` (0-based): exponential from `base`, capped, with
 * jitter (between half and all of it) so devices that lost the hub together do not return
 * together. Retries are unbounded; only the delay stops growing.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  base = 2_000,
  cap = 5 * 60_000,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

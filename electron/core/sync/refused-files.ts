import { backoffDelay } from './backoff';

/** The first wait after a file arrived damaged; it doubles with each damaged copy. */
const FIRST_WAIT_MS = 5 * 60_000;
/** The longest wait: a copy repaired on the hub arrives within the hour. */
const LONGEST_WAIT_MS = 60 * 60_000;

interface Refusal {
  failures: number;
  retryAt: number;
  error: string;
  reason: 'damaged' | 'unavailable';
}

/**
 * Content files the hub sent damaged (their SHA-256 did not match), or would not send (it
 * answered an error for that file). Downloading one again at every sync would pull the
 * same broken gigabyte every few minutes over a booth's tethered phone, so each waits
 * longer before the next try. Kept in memory: a restarted app tries once more straight away.
 */
export class RefusedFiles {
  private readonly files = new Map<string, Refusal>();

  constructor(private readonly random: () => number = Math.random) {}

  /** Records a damaged copy (or the hub's refusal); returns when the file will be tried again. */
  refuse(sha256: string, error: string, now: number, reason: Refusal['reason'] = 'damaged'): number {
    const failures = (this.files.get(sha256)?.failures ?? 0) + 1;
    const retryAt = now + backoffDelay(failures - 1, this.random, FIRST_WAIT_MS, LONGEST_WAIT_MS);
    this.files.set(sha256, { failures, retryAt, error, reason });
    return retryAt;
  }

  /** The last refusal of a file still waiting at `now`, or null when it may be downloaded. */
  waiting(sha256: string, now: number): Refusal | null {
    const refusal = this.files.get(sha256);
    return refusal && refusal.retryAt > now ? refusal : null;
  }

  accept(sha256: string): void {
    this.files.delete(sha256);
  }
}

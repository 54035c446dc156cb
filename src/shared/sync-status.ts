import { z } from 'zod';
import { Timestamp } from './domain';

/**
 * What the sync control everywhere in the app shows: offline, syncing with progress, up
 * to date as of a time, or needs attention with a count.
 */
export const SYNC_STATES = [
  'not_enrolled',
  'syncing',
  'offline',
  'needs_attention',
  'up_to_date',
  'signed_out_by_hub',
] as const;

export const SyncStatus = z.object({
  state: z.enum(SYNC_STATES),
  phase: z.enum(['push', 'pull', 'download', 'report', 'idle']).optional(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Local changes the hub has not acknowledged yet. */
  pending: z.number().int(),
  /** Conflicts and refused changes waiting for the rep. */
  issues: z.number().int(),
  hubUrl: z.string().nullable(),
  user: z.string().nullable(),
  territories: z.array(z.string()),
  lastSyncAt: Timestamp.nullable(),
  /**
   * The last run's failure: `kind` says what happened in words the UI translates (the hub
   * could not be reached, failed, refused); `message` is the technical detail for support.
   */
  lastError: z
    .object({ kind: z.enum(['offline', 'server', 'auth', 'refused']), message: z.string(), at: Timestamp })
    .nullable(),
  /**
   * Which run of the core process wrote this status, and its place among that run's
   * statuses (every snapshot gets the next number). A method's answer can reach a window
   * after events the core sent later (they travel on different channels), so the window
   * keeps the highest revision of the current run; a restarted core starts a new run.
   */
  instance: z.string(),
  revision: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The status to keep when another arrives: the later snapshot of the same core run, or the new run's. */
export function newestStatus(current: SyncStatus | undefined, arrived: SyncStatus): SyncStatus {
  return current?.instance === arrived.instance && current.revision > arrived.revision ? current : arrived;
}

/** A conflict or a refused change, on the "needs review" list until the rep resolves it. */
export const SyncIssue = z.object({
  id: z.string(),
  kind: z.enum(['conflict', 'rejected']),
  /** `account` / `contact` for conflicts; the mutation kind (e.g. `touchpoint.create`) for refusals. */
  entity: z.string(),
  entityId: z.string(),
  /** The account or contact name, when this device has it. */
  label: z.string().nullable(),
  accountId: z.string().nullable(),
  field: z.string().nullable(),
  yours: z.unknown(),
  theirs: z.unknown(),
  kept: z.enum(['yours', 'theirs']).nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: Timestamp,
});
export type SyncIssue = z.infer<typeof SyncIssue>;

export const SyncResolution = z.enum(['mine', 'theirs', 'retry', 'dismiss']);

/** One content file on the download queue, for the sync screen's progress bars. */
export const DownloadItem = z.object({
  sha256: z.string(),
  title: z.string(),
  size: z.number().int(),
  received: z.number().int(),
  state: z.enum(['queued', 'downloading', 'done', 'failed', 'over_budget']),
  error: z.string().nullable(),
  /**
   * A file that arrived damaged, or that the hub would not send, is tried again from this
   * time (ms), not at every sync; `retryReason` says which.
   */
  retryAt: z.number().int().nullable(),
  retryReason: z.enum(['damaged', 'unavailable']).nullable(),
});
export type DownloadItem = z.infer<typeof DownloadItem>;

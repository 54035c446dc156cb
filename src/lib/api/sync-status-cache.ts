import type { QueryClient } from '@tanstack/react-query';
import { newestStatus, type SyncStatus } from '../../shared/sync-status';

export const SYNC_STATUS_KEY = ['sync', 'status'] as const;

/**
 * Keeps the newest sync status the window has seen, whichever channel brought it: a
 * method's answer can arrive after an event the core sent later.
 */
export function setSyncStatus(client: QueryClient, status: SyncStatus): SyncStatus {
  const newest = newestStatus(client.getQueryData<SyncStatus>(SYNC_STATUS_KEY), status);
  client.setQueryData(SYNC_STATUS_KEY, newest);
  return newest;
}

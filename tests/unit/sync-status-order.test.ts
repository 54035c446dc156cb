import { describe, expect, it } from 'vitest';
import { newestStatus, type SyncStatus } from '../../src/shared/sync-status';

const status = (revision: number, state: SyncStatus['state'], pending = 0, instance = 'run-1'): SyncStatus => ({
  state,
  progress: null,
  pending,
  issues: 0,
  hubUrl: 'http://hub',
  user: 'Aiko',
  territories: ['kanto'],
  lastSyncAt: null,
  lastError: null,
  instance,
  revision,
});

describe('the window keeps the newest sync status', () => {
  it('ignores an answer that arrives after a later event', () => {
    // The run finished (event, revision 12) before the enrol answer (revision 10) arrived.
    expect(newestStatus(status(12, 'up_to_date'), status(10, 'syncing')).state).toBe('up_to_date');
  });

  it('takes a newer status, and the first one', () => {
    expect(newestStatus(status(3, 'syncing'), status(4, 'up_to_date')).state).toBe('up_to_date');
    expect(newestStatus(undefined, status(1, 'offline')).state).toBe('offline');
  });

  it("takes a restarted core's status whatever its revision", () => {
    expect(newestStatus(status(900, 'syncing'), status(1, 'up_to_date', 0, 'run-2')).state).toBe('up_to_date');
  });
});

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { call } from '../lib/api/client';
import { useSyncStatus } from '../lib/api/queries';
import { formatWhen } from '../lib/format';
import { syncPercent } from '../lib/sync-progress';

/**
 * The sync state, always visible: offline, syncing with progress, up to date as of a time,
 * or needs attention with a count. It also tells the core when the operating system says
 * the network came back, so a retry does not wait out its backoff.
 */
export function SyncStatusControl() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus();
  useEffect(() => {
    const report = (online: boolean) => () => void call('sync.connectivity', { online });
    const up = report(true);
    const down = report(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  const data = status.data;
  if (!data) return null;
  const percent = syncPercent(data.progress);
  const label = t(`sync.control.${data.state}`, {
    progress: percent === null ? '' : `${percent}%`,
    pending: data.pending,
    count: data.issues,
    time: data.lastSyncAt ? formatWhen(data.lastSyncAt, i18n.language) : '',
  });
  return (
    <Link href="/sync" className={`sync-control sync-${data.state}`} title={label} data-testid="sync-control">
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-label">{label}</span>
      {data.state === 'syncing' && (
        <span className={percent === null ? 'sync-bar indeterminate' : 'sync-bar'} aria-hidden="true">
          <span style={{ width: `${percent ?? 30}%` }} />
        </span>
      )}
    </Link>
  );
}

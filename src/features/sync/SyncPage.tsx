import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { GeneralError } from '../../components/FieldError';
import { call } from '../../lib/api/client';
import { useSyncPending, useSyncStatus } from '../../lib/api/queries';
import { setSyncStatus } from '../../lib/api/sync-status-cache';
import { formatDateTime } from '../../lib/format';
import { syncPercent } from '../../lib/sync-progress';
import { useLabels } from '../../lib/use-label';
import { DownloadQueue } from './DownloadQueue';
import { EnrolForm } from './EnrolForm';
import { ReviewList } from './ReviewList';

/** Everything about this device's sync: state, what is waiting, what needs review, and the hub connection. */
export function SyncPage() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const status = useSyncStatus();
  const pending = useSyncPending();
  const syncNow = useMutation({
    mutationFn: () => call('sync.now', {}),
    onSuccess: (next) => setSyncStatus(client, next),
  });
  const [confirmingSignOut, setConfirmingSignOut] = useState(false);
  const signOut = useMutation({
    mutationFn: () => call('sync.signOut', {}),
    onSuccess: (next) => {
      setConfirmingSignOut(false);
      setSyncStatus(client, next);
    },
  });
  const data = status.data;
  if (!data) return <p className="muted pad">{t('app.loading')}</p>;
  const percent = syncPercent(data.progress);

  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('sync.title')}</h1>
        {data.state !== 'not_enrolled' && (
          <button
            type="button"
            className="button primary"
            onClick={() => syncNow.mutate()}
            disabled={data.state === 'syncing'}
          >
            {t('sync.syncNow')}
          </button>
        )}
      </header>
      {data.state === 'not_enrolled' ? (
        <EnrolForm suggestedHubUrl={data.hubUrl} />
      ) : (
        <>
          <section className={`card sync-card sync-${data.state}`} data-testid="sync-state">
            <h2>
              <span className="sync-dot" aria-hidden="true" /> {t(`sync.state.${data.state}`)}
              {data.state === 'syncing' && data.phase && data.phase !== 'idle' && ` · ${t(`sync.phase.${data.phase}`)}`}
              {data.state === 'syncing' && percent !== null && ` ${percent}%`}
              {data.state === 'syncing' &&
                data.phase === 'pull' &&
                data.progress &&
                ` · ${t('sync.received', { count: data.progress.done })}`}
            </h2>
            {data.state === 'syncing' && (
              <div
                className={percent === null ? 'progress indeterminate' : 'progress'}
                role="progressbar"
                aria-valuenow={percent ?? undefined}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <span style={{ width: `${percent ?? 30}%` }} />
              </div>
            )}
            {data.state === 'signed_out_by_hub' && <p className="warning-text">{t('sync.revokedBody')}</p>}
            <dl className="facts">
              <dt>{t('sync.lastSync')}</dt>
              <dd>{data.lastSyncAt ? formatDateTime(data.lastSyncAt, i18n.language) : t('sync.never')}</dd>
              <dt>{t('sync.hub')}</dt>
              <dd>
                <code>{data.hubUrl}</code>
              </dd>
              <dt>{t('sync.user')}</dt>
              <dd>{data.user}</dd>
              <dt>{t('sync.territories')}</dt>
              <dd>{data.territories.map(labels.territory).join(', ') || '—'}</dd>
              {data.lastError && (
                <>
                  <dt>{t('sync.lastError')}</dt>
                  <dd className="warning-text" title={data.lastError.message}>
                    {t(`sync.failure.${data.lastError.kind}`)} ({formatDateTime(data.lastError.at, i18n.language)})
                  </dd>
                </>
              )}
            </dl>
          </section>
          <section className="card" aria-labelledby="pending-title">
            <h2 id="pending-title">{t('sync.pendingTitle')}</h2>
            {pending.data && pending.data.byKind.length === 0 && <p className="muted">{t('sync.pendingEmpty')}</p>}
            {pending.data && pending.data.byKind.length > 0 && (
              <>
                <ul className="pending-kinds" data-testid="pending-kinds">
                  {pending.data.byKind.map(({ kind, count }) => (
                    <li key={kind}>
                      <span>{t(`sync.kinds.${kind.replace('.', '_')}`, { defaultValue: kind })}</span>
                      <strong>{count}</strong>
                    </li>
                  ))}
                </ul>
                {pending.data.oldestAt && (
                  <p className="muted small">
                    {t('sync.oldest', { time: formatDateTime(pending.data.oldestAt, i18n.language) })}
                  </p>
                )}
                {pending.data.failedAttempts > 0 && (
                  <p className="muted small">{t('sync.attempts', { count: pending.data.failedAttempts })}</p>
                )}
              </>
            )}
          </section>
          <ReviewList />
          <DownloadQueue />
          <section className="card">
            <div>
              <button type="button" className="button danger" onClick={() => setConfirmingSignOut(true)}>
                {t('sync.signOut')}
              </button>
            </div>
            <GeneralError error={syncNow.error} />
            {confirmingSignOut && (
              <ConfirmDialog
                title={t('sync.signOutConfirm')}
                body={t('sync.signOutBody')}
                confirmLabel={t('sync.signOut')}
                pending={signOut.isPending}
                error={signOut.error}
                onConfirm={() => signOut.mutate()}
                onClose={() => {
                  setConfirmingSignOut(false);
                  signOut.reset();
                }}
              />
            )}
          </section>
        </>
      )}
    </div>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ErrorMessage } from '../../components/ErrorMessage';
import { call } from '../../lib/api/client';
import { useSyncStatus } from '../../lib/api/queries';
import { setSyncStatus } from '../../lib/api/sync-status-cache';
import { formatDate, formatDateTime } from '../../lib/format';

interface ReadinessPageProps {
  kind: 'event' | 'account';
  id: string;
}

/** One screen that says whether this laptop is ready for a show or a visit, and what to do if not. */
export function ReadinessPage({ kind, id }: ReadinessPageProps) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const input = kind === 'event' ? { eventId: id } : { accountId: id };
  const readiness = useQuery({
    queryKey: ['sync', 'readiness', kind, id],
    queryFn: () => call('sync.readiness', input),
  });
  const syncStatus = useSyncStatus();
  const syncNow = useMutation({
    mutationFn: () => call('sync.now', {}),
    onSuccess: (status) => setSyncStatus(client, status),
  });
  if (readiness.isError) return <ErrorMessage error={readiness.error} onRetry={() => void readiness.refetch()} />;
  if (!readiness.data) return <p className="muted pad">{t('app.loading')}</p>;
  const { subject, until, ready, checks } = readiness.data;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('readiness.title', { subject })}</h1>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => void readiness.refetch()}>
            {t('readiness.recheck')}
          </button>
          {/* A laptop not connected to a hub has nothing to sync with yet: it is sent to connect. */}
          {syncStatus.data?.state === 'not_enrolled' ? (
            <Link href="/sync" className="button primary">
              {t('readiness.connect')}
            </Link>
          ) : (
            <button type="button" className="button primary" onClick={() => syncNow.mutate()}>
              {t('readiness.syncNow')}
            </button>
          )}
        </div>
      </header>
      <p className={ready ? 'readiness-verdict ok' : 'readiness-verdict'} role="status" data-testid="readiness-verdict">
        {ready ? t('readiness.ready') : t('readiness.notReady')}
      </p>
      <ul className="readiness-checks">
        {checks.map((check) => {
          const facts = {
            ...check.facts,
            until: formatDate(until, i18n.language),
            time:
              typeof check.facts.at === 'number' && check.facts.at > 0
                ? formatDateTime(check.facts.at, i18n.language)
                : '—',
          };
          return (
            <li
              key={check.id}
              className={check.ok ? 'readiness-check ok' : 'readiness-check'}
              data-testid={`check-${check.id}`}
            >
              <span className="readiness-mark" aria-hidden="true">
                {check.ok ? '✓' : '!'}
              </span>
              <div>
                <p>{t(`readiness.${check.id}.${check.ok ? 'ok' : 'fail'}`, facts)}</p>
                {!check.ok && <p className="muted small">{t(`readiness.${check.id}.action`)}</p>}
                {check.items.length > 0 && (
                  <ul className="readiness-items">
                    {check.items.slice(0, 8).map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { SyncIssue } from '../../shared/sync-status';
import { GeneralError } from '../../components/FieldError';
import { call } from '../../lib/api/client';
import { keys, useSyncIssues } from '../../lib/api/queries';
import { setSyncStatus } from '../../lib/api/sync-status-cache';
import { formatDateTime } from '../../lib/format';

function show(value: unknown): string {
  const inner = value && typeof value === 'object' && 'value' in value ? (value as { value: unknown }).value : value;
  if (Array.isArray(inner)) return inner.join(', ');
  return inner === null || inner === undefined ? '—' : String(inner);
}

interface IssueProps {
  issue: SyncIssue;
}

function Issue({ issue }: IssueProps) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const resolve = useMutation({
    mutationFn: (choice: 'mine' | 'theirs' | 'retry' | 'dismiss') =>
      call('sync.resolve', { issueId: issue.id, choice }),
    onSuccess: (status) => {
      setSyncStatus(client, status);
      void client.invalidateQueries({ queryKey: keys.syncIssues });
    },
  });
  return (
    <li className="issue" data-testid="sync-issue">
      <div className="issue-head">
        <strong>
          {issue.kind === 'conflict' ? t('sync.conflict', { field: issue.field ?? '' }) : t('sync.rejected')}
        </strong>
        <span className="muted small">{formatDateTime(issue.createdAt, i18n.language)}</span>
      </div>
      <div>
        {issue.label ?? issue.entityId}
        {issue.accountId && (
          <>
            {' · '}
            <Link href={`/accounts/${issue.accountId}`}>{t('sync.openAccount')}</Link>
          </>
        )}
      </div>
      {issue.kind === 'conflict' ? (
        <dl className="issue-values">
          <dt>{t('sync.yours')}</dt>
          <dd>
            {show(issue.yours)} {issue.kept === 'yours' && <span className="badge ok">{t('sync.kept')}</span>}
          </dd>
          <dt>{t('sync.theirs')}</dt>
          <dd>
            {show(issue.theirs)} {issue.kept === 'theirs' && <span className="badge ok">{t('sync.kept')}</span>}
          </dd>
        </dl>
      ) : (
        <p className="warning-text">
          {t(`sync.reasons.${issue.reason ?? ''}`, { defaultValue: issue.message ?? issue.reason ?? '' })}{' '}
          <span className="error-code">({issue.reason})</span>
        </p>
      )}
      <div className="issue-actions">
        {issue.kind === 'conflict' ? (
          <>
            <button type="button" className="button small" onClick={() => resolve.mutate('mine')}>
              {t('sync.useMine')}
            </button>
            <button type="button" className="button small" onClick={() => resolve.mutate('theirs')}>
              {t('sync.useTheirs')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button small" onClick={() => resolve.mutate('retry')}>
              {t('sync.retry')}
            </button>
            <button type="button" className="button small" onClick={() => resolve.mutate('dismiss')}>
              {t('sync.dismiss')}
            </button>
          </>
        )}
      </div>
      <GeneralError error={resolve.error} />
    </li>
  );
}

/** Conflicts and refused changes, each with the rep's choices; the rest of the queue keeps flowing meanwhile. */
export function ReviewList() {
  const { t } = useTranslation();
  const issues = useSyncIssues();
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">{t('sync.reviewTitle')}</h2>
      {issues.data?.length === 0 && <p className="muted">{t('sync.reviewEmpty')}</p>}
      <ul className="issues">
        {issues.data?.map((issue) => (
          <Issue key={issue.id} issue={issue} />
        ))}
      </ul>
    </section>
  );
}

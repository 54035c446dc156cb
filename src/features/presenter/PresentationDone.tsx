import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { PresentationSummary } from '../../shared/content';

interface PresentationDoneProps {
  summary: PresentationSummary | null;
  /** Set when the presentation was ended by a restart rather than by the rep. */
  restarted: boolean;
  accountId: string | null;
}

/** After the end: what was written to the journey (or why nothing was). */
export function PresentationDone({ summary, restarted, accountId }: PresentationDoneProps) {
  const { t } = useTranslation();
  return (
    <main className="presentation-done" data-testid="presentation-done">
      <div className="card">
        <h1>{t('presenter.ended')}</h1>
        {restarted && <p className="warning-text">{t('presenter.restarted')}</p>}
        {summary && summary.touchpointIds.length > 0 && (
          <p className="ok-text" role="status">
            {t('presenter.written', { count: summary.touchpointIds.length })} ·{' '}
            {t('presenter.pagesSeen', { count: summary.pagesSeen })}
          </p>
        )}
        {summary && summary.touchpointIds.length === 0 && <p className="muted">{t('presenter.nothingSeen')}</p>}
        {summary && summary.keyMessagesCovered.length > 0 && (
          <>
            <h2>{t('presented.keyMessages')}</h2>
            <ul className="key-messages">
              {summary.keyMessagesCovered.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </>
        )}
        <div className="toolbar">
          {accountId && (
            <Link href={`/accounts/${accountId}`} className="button primary">
              {t('presenter.backToJourney')}
            </Link>
          )}
          <Link href="/decks" className="button">
            {t('presenter.done')}
          </Link>
        </div>
      </div>
    </main>
  );
}

import { useTranslation } from 'react-i18next';
import type { MatchCandidate } from '../../shared/capture';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-label';

interface MatchPanelProps {
  candidates: MatchCandidate[];
  chosen: { contactId: string | null; accountId: string | null };
  onChoose: (match: { contactId: string | null; accountId: string | null }) => void;
}

/**
 * Who this might be, and why: the rep sees the account's latest touchpoints before the
 * visitor finishes their sentence, and attaches the capture to them, or not.
 */
export function MatchPanel({ candidates, chosen, onChoose }: MatchPanelProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <section className="panel match-panel" aria-labelledby="match-title" data-testid="match-panel">
      <h2 id="match-title">{t('capture.match.title')}</h2>
      {candidates.length === 0 && <p className="muted small">{t('capture.match.none')}</p>}
      <ol className="candidates">
        {candidates.map((candidate, index) => {
          const isChosen =
            chosen.accountId === candidate.accountId &&
            chosen.contactId === candidate.contactId &&
            chosen.accountId !== null;
          return (
            <li
              key={`${candidate.accountId}-${candidate.contactId ?? ''}`}
              className={isChosen ? 'candidate chosen' : 'candidate'}
              data-testid="candidate"
            >
              <div className="candidate-head">
                <span className="candidate-name">
                  {candidate.contactName ?? t('capture.match.attachAccount')}
                  {candidate.contactTitle && <span className="muted"> · {candidate.contactTitle}</span>}
                </span>
                <span className="muted shortcut">{t('capture.match.shortcut', { n: index + 1 })}</span>
              </div>
              <div className="candidate-account">{candidate.accountName}</div>
              <div className="reasons">
                {candidate.reasons.map((reason) => (
                  <span key={reason} className={`reason reason-${reason}`}>
                    {t(`capture.match.reasons.${reason}`)}
                  </span>
                ))}
              </div>
              {candidate.latest.length > 0 && (
                <ul className="candidate-latest" aria-label={t('capture.match.latest')}>
                  {candidate.latest.map((touchpoint, i) => (
                    <li key={i}>
                      <span className="muted">{formatDate(touchpoint.occurredAt, labels.language)}</span>{' '}
                      {t('capture.match.latestLine', {
                        channel: labels.channel(touchpoint.channel),
                        summary: touchpoint.summary,
                      })}
                    </li>
                  ))}
                </ul>
              )}
              <div className="candidate-actions">
                {isChosen ? (
                  <button
                    type="button"
                    className="button small"
                    onClick={() => onChoose({ contactId: null, accountId: null })}
                  >
                    {t('capture.match.createNew')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button small primary"
                    onClick={() => onChoose({ contactId: candidate.contactId, accountId: candidate.accountId })}
                  >
                    {candidate.contactId ? t('capture.match.attachContact') : t('capture.match.attachAccount')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useRecommended } from '../../lib/api/content-queries';
import { useLabels } from '../../lib/use-label';
import { ContentStateBadge } from './ContentStateBadge';
import { ContentThumbnail } from './ContentThumbnail';

interface RecommendedStripProps {
  accountId: string;
  onSelect: (itemId: string) => void;
}

/** "Recommended for this account", with why each item is there and who has seen it. */
export function RecommendedStrip({ accountId, onSelect }: RecommendedStripProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const recommended = useRecommended(accountId);
  return (
    <section className="recommended" aria-labelledby="recommended-title">
      <div className="recommended-head">
        <h2 id="recommended-title">{t('library.recommended')}</h2>
        <p className="muted small">{t('library.recommendedHint')}</p>
      </div>
      {recommended.isError && <ErrorMessage error={recommended.error} />}
      {recommended.data?.length === 0 && <p className="muted">{t('library.noRecommendations')}</p>}
      <ol className="recommended-list" data-testid="recommended">
        {recommended.data?.map(({ item, reasons, roles, seenBy }) => (
          <li key={item.itemId}>
            <button type="button" className="recommended-card" onClick={() => onSelect(item.itemId)}>
              <ContentThumbnail version={item.shown} />
              <span className="recommended-body">
                <span className="content-title">{item.shown.title}</span>
                <span className="chips">
                  {reasons.map((reason) => (
                    <span key={reason} className="chip static">
                      {reason === 'role' && roles.length > 0
                        ? roles.map((role) => labels.role(role)).join(', ')
                        : t(`library.reasons.${reason}`)}
                    </span>
                  ))}
                </span>
                <span className="recommended-foot">
                  <ContentStateBadge version={item.shown} />
                  {seenBy > 0 && <span className="muted small">{t('library.seenBy', { count: seenBy })}</span>}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { PresentedDetails } from '../../shared/content';
import type { ContentRef } from '../../shared/domain';

interface PresentedDetailsViewProps {
  details: PresentedDetails;
  content: ContentRef[];
}

/** A "content presented" touchpoint in the journey: the pages shown per version with their time, and what was covered. */
export function PresentedDetailsView({ details, content }: PresentedDetailsViewProps) {
  const { t } = useTranslation();
  const titles = new Map(
    content.map((ref) => [ref.versionId, `${ref.title} ${t('journey.version', { version: ref.version })}`]),
  );
  const byVersion = new Map<string, PresentedDetails['pages']>();
  for (const page of details.pages) byVersion.set(page.versionId, [...(byVersion.get(page.versionId) ?? []), page]);
  const minutes = Math.floor(details.durationSeconds / 60);
  return (
    <dl className="touchpoint-details presented" data-testid="presented-details">
      <dt>{t('presented.pages')}</dt>
      <dd>
        {[...byVersion].map(([versionId, pages]) => (
          <div key={versionId} className="presented-version">
            {titles.get(versionId) && <span className="presented-title">{titles.get(versionId)}</span>}
            <span className="presented-pages">
              {pages.map((page, index) => (
                <span
                  key={`${page.page ?? 'whole'}-${index}`}
                  className={page.seen ? 'presented-page' : 'presented-page not-seen'}
                  title={page.seen ? undefined : t('presented.notSeen')}
                  data-testid="presented-page"
                >
                  {page.page === null ? t('presented.whole') : t('presented.page', { page: page.page })}{' '}
                  <span className="muted">{t('presented.seconds', { seconds: page.seconds })}</span>
                </span>
              ))}
            </span>
          </div>
        ))}
      </dd>
      <dt>{t('presented.duration')}</dt>
      <dd>
        {minutes > 0
          ? t('presented.minutes', { minutes, seconds: details.durationSeconds % 60 })
          : t('presented.seconds', { seconds: details.durationSeconds })}
        {details.recovered && <span className="badge warning presented-recovered">{t('presented.recovered')}</span>}
      </dd>
      {details.keyMessagesCovered.length > 0 && (
        <>
          <dt>{t('presented.keyMessages')}</dt>
          <dd>{details.keyMessagesCovered.join(' / ')}</dd>
        </>
      )}
    </dl>
  );
}

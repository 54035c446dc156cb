import { useTranslation } from 'react-i18next';
import { PROBLEM_CODES } from '../../shared/content';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useContentItem } from '../../lib/api/content-queries';
import { useStages } from '../../lib/api/queries';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-label';
import { ContentStateBadge } from './ContentStateBadge';
import { ContentThumbnail } from './ContentThumbnail';
import { fileText, validityText } from './content-labels';

interface ContentDetailPanelProps {
  itemId: string;
  onClose: () => void;
  onOpen: (versionId: string) => void;
  onPresent: (itemId: string, title: string) => void;
}

/** One item: its current version's messages and tags, every version with its state, and what can be done with it. */
export function ContentDetailPanel({ itemId, onClose, onOpen, onPresent }: ContentDetailPanelProps) {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const stages = useStages();
  const detail = useContentItem(itemId);
  if (detail.isError) {
    return (
      <aside className="content-detail">
        <ErrorMessage error={detail.error} />
      </aside>
    );
  }
  if (!detail.data) return <aside className="content-detail muted pad">{t('app.loading')}</aside>;
  const { item, versions } = detail.data;
  const shown = item.shown;
  const stageByCode = new Map(stages.data?.map((stage) => [stage.code, stage]));
  const tags = [
    ...shown.tags.stages.map((code) => labels.stage(stageByCode.get(code), code)),
    ...shown.tags.industries.map(labels.industry),
    ...shown.tags.roles.map((code) => labels.role(code)),
    ...shown.tags.products.map((code) => t(`product.${code}`, { defaultValue: code })),
  ];
  return (
    <aside className="content-detail" aria-labelledby="content-detail-title" data-testid="content-detail">
      <header className="content-detail-head">
        <h2 id="content-detail-title">{shown.title}</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </button>
      </header>
      <ContentThumbnail version={shown} />
      <div className="content-detail-state">
        <ContentStateBadge version={shown} />
        <span className="muted small">
          {t('library.version', { version: shown.version })} · {validityText(t, shown, i18n.language)}
        </span>
      </div>
      <p className="muted small">{fileText(t, shown)}</p>
      {shown.problem !== null && (
        <p className="problem-explained" role="note">
          {t(`errors.${PROBLEM_CODES[shown.problem]}`)}{' '}
          <span className="error-code">({PROBLEM_CODES[shown.problem]})</span>
        </p>
      )}
      <div className="content-detail-actions">
        <button
          type="button"
          className="button primary"
          disabled={shown.problem !== null}
          onClick={() => onPresent(item.itemId, shown.title)}
        >
          ▶ {t('library.present')}
        </button>
        <button
          type="button"
          className="button"
          disabled={shown.problem !== null}
          onClick={() => onOpen(shown.versionId)}
        >
          {t('library.open')}
        </button>
      </div>
      {item.upcoming && (
        <p className="small">
          {t('library.upcoming', {
            version: item.upcoming.version,
            date: formatDate(item.upcoming.validFrom, i18n.language),
          })}
        </p>
      )}
      <h3>{t('library.keyMessages')}</h3>
      <ul className="key-messages">
        {shown.keyMessages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
      <h3>{t('library.tags')}</h3>
      <div className="chips">
        {tags.map((tag) => (
          <span key={tag} className="chip static">
            {tag}
          </span>
        ))}
      </div>
      <h3>{t('library.versions')}</h3>
      <ol className="version-list">
        {versions.map((version) => (
          <li key={version.versionId}>
            <span className="version-tag">{t('library.version', { version: version.version })}</span>
            <span className="muted small">
              {t('library.releasedOn', { date: formatDate(version.validFrom, i18n.language) })}
            </span>
            <ContentStateBadge version={version} />
          </li>
        ))}
      </ol>
    </aside>
  );
}

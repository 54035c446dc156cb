import { useTranslation } from 'react-i18next';
import type { LibraryVersion } from '../../shared/content';
import { formatDate } from '../../lib/format';

interface ContentStateBadgeProps {
  version: LibraryVersion;
}

/** Presentable, expiring soon, or why not — the one-glance state of a version. */
export function ContentStateBadge({ version }: ContentStateBadgeProps) {
  const { t, i18n } = useTranslation();
  if (version.problem !== null) {
    return (
      <span className={`badge state-problem state-${version.problem}`} data-testid="content-state">
        {t(`problem.${version.problem}`)}
      </span>
    );
  }
  if (version.expiringSoon && version.validUntil !== null) {
    return (
      <span className="badge warning" data-testid="content-state">
        {t('library.expiringSoon', { date: formatDate(version.validUntil, i18n.language) })}
      </span>
    );
  }
  return (
    <span className="badge ok" data-testid="content-state">
      {t('library.presentable')}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import { useSyncDownloads } from '../../lib/api/queries';
import { formatTransfer, formatWhen } from '../../lib/format';

/** Content files this device is fetching, with sizes and progress; a file that failed says why. */
export function DownloadQueue() {
  const { t, i18n } = useTranslation();
  const downloads = useSyncDownloads();
  const items = downloads.data ?? [];
  return (
    <section className="card" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('sync.downloadsTitle')}</h2>
      {items.filter((item) => item.state !== 'done').length === 0 && (
        <p className="muted">{t('sync.downloadsEmpty')}</p>
      )}
      <ul className="downloads" data-testid="downloads">
        {items
          .filter((item) => item.state !== 'done')
          .map((item) => {
            const percent = item.size > 0 ? Math.round((100 * item.received) / item.size) : 0;
            return (
              <li key={item.sha256} className={`download download-${item.state}`}>
                <div className="download-head">
                  <span className="download-title">{item.title}</span>
                  <span className="muted small">
                    {formatTransfer(item.received, item.size, i18n.language)} · {t(`sync.download.${item.state}`)}
                  </span>
                </div>
                <div
                  className="progress"
                  role="progressbar"
                  aria-valuenow={percent}
                  aria-valuemin={0}
                  aria-valuemax={100}
                >
                  <span style={{ width: `${percent}%` }} />
                </div>
                {item.retryAt !== null ? (
                  <p className="warning-text small" title={item.error ?? undefined}>
                    {t(`sync.nextTry.${item.retryReason ?? 'damaged'}`, {
                      time: formatWhen(item.retryAt, i18n.language),
                    })}
                  </p>
                ) : (
                  item.error && <p className="warning-text small">{item.error}</p>
                )}
              </li>
            );
          })}
      </ul>
    </section>
  );
}

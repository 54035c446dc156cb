import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Contact, SeenContent } from '../../shared/domain';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-label';

interface SeenContentPanelProps {
  seen: SeenContent[];
  contactsById: Map<string, Contact>;
}

/** What each contact has been sent or shown, so nobody repeats it, and where a newer approved version exists. */
export function SeenContentPanel({ seen, contactsById }: SeenContentPanelProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const byContact = new Map<string, SeenContent[]>();
  for (const entry of seen) byContact.set(entry.contactId, [...(byContact.get(entry.contactId) ?? []), entry]);
  return (
    <section className="panel" aria-labelledby="seen-title">
      <h2 id="seen-title">{t('journey.seen')}</h2>
      {seen.length === 0 && <p className="muted">{t('journey.seenEmpty')}</p>}
      {[...byContact].map(([contactId, entries]) => (
        <div key={contactId} className="seen-group">
          <h3>{contactsById.get(contactId)?.name ?? t('common.unknown')}</h3>
          <ul>
            {entries.map((entry) => (
              <li key={entry.versionId} className="seen-item" data-testid="seen-item">
                <Link href={`/library/item/${entry.itemId}`} className="seen-title">
                  {entry.title} <span className="muted">{t('journey.version', { version: entry.version })}</span>
                </Link>
                <span className="seen-meta">
                  {labels.channel(entry.channel)} · {formatDate(entry.lastSeenAt, labels.language)}
                </span>
                {entry.newerVersion !== null && (
                  <span className="badge warning">{t('journey.newerVersion', { version: entry.newerVersion })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

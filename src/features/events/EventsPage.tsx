import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Toast, useToast } from '../../components/Toast';
import { useEvents } from '../../lib/api/queries';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-label';
import { NewEventDialog } from './NewEventDialog';

const day = (iso: string) => Date.parse(`${iso}T00:00:00`);

/** Events newest first, each with how many visitors were captured and how many exist only on this device. */
export function EventsPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const events = useEvents();
  const [creating, setCreating] = useState(false);
  const toast = useToast();
  return (
    <div className="page wide">
      <header className="page-header">
        <div>
          <h1>{t('events.title')}</h1>
          <p className="muted">{t('events.subtitle')}</p>
        </div>
        <button type="button" className="button primary" onClick={() => setCreating(true)}>
          ＋ {t('events.newEvent')}
        </button>
      </header>
      {events.isError && <ErrorMessage error={events.error} onRetry={() => void events.refetch()} />}
      {events.data?.length === 0 && <p className="empty-state small">{t('events.empty')}</p>}
      <ul className="event-list">
        {events.data?.map((event) => (
          <li key={event.id} className="event-card" data-testid="event-card">
            <div className="event-card-main">
              <h2>{event.name}</h2>
              <p className="muted">
                {event.venue && `${event.venue} · `}
                {t('events.dates', {
                  start: formatDate(day(event.startsOn), labels.language),
                  end: formatDate(day(event.endsOn), labels.language),
                })}
                {event.booth && ` · ${t('events.booth', { booth: event.booth })}`}
              </p>
              <p className="event-counts">
                <span>{t('events.captured', { count: event.captureCount })}</span>
                {event.unsyncedCount > 0 ? (
                  <span className="badge warning">{t('events.unsynced', { count: event.unsyncedCount })}</span>
                ) : (
                  event.captureCount > 0 && <span className="badge ok">{t('events.allSynced')}</span>
                )}
              </p>
            </div>
            <div className="event-card-actions">
              <Link href={`/events/${event.id}`} className="button primary">
                {t('events.openCapture')}
              </Link>
              <Link href={`/events/${event.id}/captures`} className="button">
                {t('events.openCaptures')}
              </Link>
              <Link href={`/readiness/event/${event.id}`} className="button">
                {t('readiness.eventLink')}
              </Link>
            </div>
          </li>
        ))}
      </ul>
      {creating && (
        <NewEventDialog
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            toast.show(t('events.created'));
          }}
        />
      )}
      <Toast toast={toast} />
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { PresenterSession } from '../../shared/content';
import { SlideView } from './SlideView';

interface PresenterSidebarProps {
  session: PresenterSession;
  position: number;
}

/** What only the presenter sees: the next slide, the notes, the key messages, who is in the room. */
export function PresenterSidebar({ session, position }: PresenterSidebarProps) {
  const { t } = useTranslation();
  const current = session.slides[position];
  const next = session.slides[position + 1];
  return (
    <aside className="presenter-side">
      <section className="presenter-next" aria-label={t('presenter.next')}>
        <h2>{t('presenter.next')}</h2>
        {next ? (
          <>
            <div className="presenter-next-slide">
              <SlideView slide={next} preview onError={() => undefined} />
            </div>
            <p className="small">
              {next.title}
              {next.page !== null && ` · ${t('presented.page', { page: next.page })}`}
            </p>
          </>
        ) : (
          <p className="muted">{t('presenter.endOfDeck')}</p>
        )}
      </section>
      <section className="presenter-notes" data-testid="presenter-notes">
        <h2>{t('presenter.notes')}</h2>
        {current?.notes ? (
          <p className="notes-text">{current.notes}</p>
        ) : (
          <p className="muted">{t('presenter.noNotes')}</p>
        )}
      </section>
      {current && current.keyMessages.length > 0 && (
        <section>
          <h2>{t('presenter.keyMessages')}</h2>
          <ul className="key-messages">
            {current.keyMessages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </section>
      )}
      {session.attendees.length > 0 && (
        <section>
          <h2>{t('presenter.attendees')}</h2>
          <ul className="presenter-attendees">
            {session.attendees.map((attendee) => (
              <li key={attendee.contactId}>
                {attendee.name} <span className="muted small">{attendee.accountName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../../components/ErrorMessage';
import { call } from '../../lib/api/client';
import { useDecks } from '../../lib/api/content-queries';
import { useEvents } from '../../lib/api/queries';
import { AccountPicker } from '../library/AccountPicker';
import { AttendeePicker } from './AttendeePicker';

/** What to present: a saved deck, a single library item, or (from an account) a deck chosen here. */
export type PresentSource = { deckId: string; name: string } | { itemId: string; name: string } | null;

interface PresentStartDialogProps {
  source: PresentSource;
  accountId?: string;
  onClose: () => void;
}

type Where = 'account' | 'event' | 'nobody';

/**
 * Before presenting: to whom (attendees from an account's buying committee, or visitors
 * captured at an event booth). Starting asks the core to check every file; whatever cannot
 * be shown is left out, and a refusal comes back with its code.
 */
export function PresentStartDialog({ source, accountId: initialAccount, onClose }: PresentStartDialogProps) {
  const { t, i18n } = useTranslation();
  const [, navigate] = useLocation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const decks = useDecks();
  const events = useEvents();
  const [deckId, setDeckId] = useState('');
  const [where, setWhere] = useState<Where>('account');
  const [accountId, setAccountId] = useState<string | null>(initialAccount ?? null);
  const [eventId, setEventId] = useState('');
  const [attendees, setAttendees] = useState<string[]>([]);
  const start = useMutation({
    mutationFn: () => {
      const what = source ?? { deckId, name: '' };
      return call('presenter.start', {
        ...('deckId' in what ? { deckId: what.deckId } : { itemId: what.itemId }),
        ...(where === 'account' && accountId ? { accountId } : {}),
        ...(where === 'event' && eventId ? { eventId } : {}),
        attendeeIds: where === 'nobody' ? [] : attendees,
        language: i18n.language === 'ja' ? 'ja' : 'en',
      });
    },
    onSuccess: (session) => navigate(`/present/${session.id}`),
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!start.isPending) start.mutate();
  };
  const ready = (source !== null || deckId !== '') && !start.isPending;
  // From an account the deck is chosen here: the title names it once it is.
  const title = source?.name ?? decks.data?.find((deck) => deck.id === deckId)?.name;
  return (
    <dialog ref={dialogRef} className="dialog present-dialog" onClose={onClose} aria-labelledby="present-title">
      <form className="dialog-form" onSubmit={submit}>
        <h2 id="present-title">
          {title ? t('presenter.startTitle', { name: title }) : t('presenter.startTitleChoose')}
        </h2>
        {source === null && (
          <label className="field">
            <span className="field-label">{t('presenter.chooseDeck')}</span>
            {decks.data?.length === 0 ? (
              <span className="muted">{t('presenter.noDecks')}</span>
            ) : (
              <select value={deckId} onChange={(event) => setDeckId(event.target.value)} data-testid="present-deck">
                <option value="" />
                {decks.data?.map((deck) => (
                  <option key={deck.id} value={deck.id}>
                    {deck.name} ({t('decks.slides', { count: deck.slideCount })})
                  </option>
                ))}
              </select>
            )}
          </label>
        )}
        <fieldset className="field">
          <legend className="field-label">{t('presenter.where')}</legend>
          <div className="segmented">
            {(['account', 'event', 'nobody'] as const).map((option) => (
              <label key={option} className={`segment${where === option ? ' checked' : ''}`}>
                <input
                  type="radio"
                  name="where"
                  value={option}
                  checked={where === option}
                  onChange={() => {
                    setWhere(option);
                    setAttendees([]);
                  }}
                />
                {t(`presenter.${option}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {where === 'account' && (
          <AccountPicker
            value={accountId}
            onChange={(id) => {
              setAccountId(id);
              setAttendees([]);
            }}
            label={t('presenter.chooseAccount')}
            placeholder={t('presenter.searchAccount')}
          />
        )}
        {where === 'event' && (
          <label className="field">
            <span className="field-label">{t('presenter.chooseEvent')}</span>
            <select
              value={eventId}
              onChange={(event) => {
                setEventId(event.target.value);
                setAttendees([]);
              }}
            >
              <option value="" />
              {events.data?.map((event) => (
                <option key={event.id} value={event.id}>
                  {event.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {where === 'account' && accountId && (
          <AttendeePicker source={{ accountId }} selected={attendees} onChange={setAttendees} />
        )}
        {where === 'event' && eventId && (
          <AttendeePicker source={{ eventId }} selected={attendees} onChange={setAttendees} />
        )}
        {start.isError && <ErrorMessage error={start.error} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={!ready} data-testid="present-start">
            ▶ {start.isPending ? t('presenter.starting') : t('presenter.start')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { DeckSummary } from '../../shared/content';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Toast, useToast } from '../../components/Toast';
import { call } from '../../lib/api/client';
import { useDecks } from '../../lib/api/content-queries';
import { formatDateTime } from '../../lib/format';
import { PresentStartDialog } from '../presenter/PresentStartDialog';

/** The rep's decks, with what needs attention: a review after new versions, items that dropped out. */
export function DecksPage() {
  const { t, i18n } = useTranslation();
  const decks = useDecks();
  const [presenting, setPresenting] = useState<DeckSummary | null>(null);
  const [deleting, setDeleting] = useState<DeckSummary | null>(null);
  const toast = useToast();
  const remove = useMutation({
    mutationFn: (id: string) => call('decks.delete', { id }),
    onSuccess: () => {
      setDeleting(null);
      toast.show(t('decks.deleted'));
    },
  });
  return (
    <div className="page wide decks-page">
      <header className="page-header">
        <div>
          <h1>{t('decks.title')}</h1>
          <p className="muted small">{t('decks.subtitle')}</p>
        </div>
        <Link href="/decks/new" className="button primary">
          ＋ {t('decks.newDeck')}
        </Link>
      </header>
      {decks.isError && <ErrorMessage error={decks.error} onRetry={() => void decks.refetch()} />}
      {remove.isError && <ErrorMessage error={remove.error} />}
      {decks.data?.length === 0 && <p className="empty-state">{t('decks.empty')}</p>}
      <ul className="deck-list">
        {decks.data?.map((deck) => (
          <li key={deck.id} className="card deck-card" data-testid="deck-card">
            <div className="deck-card-main">
              <Link href={`/decks/${deck.id}`} className="deck-card-name">
                {deck.name}
              </Link>
              <span className="muted small">
                {t('decks.items', { count: deck.itemCount })} · {t('decks.slides', { count: deck.slideCount })} ·{' '}
                {t('decks.updated', { date: formatDateTime(deck.updatedAt, i18n.language) })}
              </span>
              <span className="chips">
                {deck.needsReview && <span className="badge warning">{t('decks.needsReview')}</span>}
                {deck.dropped > 0 && (
                  <span className="badge state-problem">{t('decks.dropped', { count: deck.dropped })}</span>
                )}
              </span>
            </div>
            <div className="toolbar">
              <button
                type="button"
                className="button primary"
                disabled={deck.slideCount === 0}
                onClick={() => setPresenting(deck)}
              >
                ▶ {t('decks.present')}
              </button>
              <Link href={`/decks/${deck.id}`} className="button">
                {t('decks.edit')}
              </Link>
              <button type="button" className="button danger" onClick={() => setDeleting(deck)}>
                {t('decks.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {presenting && (
        <PresentStartDialog
          source={{ deckId: presenting.id, name: presenting.name }}
          onClose={() => setPresenting(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('decks.deleteTitle', { name: deleting.name })}
          body={t('decks.deleteConfirm')}
          confirmLabel={t('decks.delete')}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting.id)}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
        />
      )}
      <Toast toast={toast} />
    </div>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Deck } from '../../shared/content';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError, GeneralError } from '../../components/FieldError';
import { Toast, useToast } from '../../components/Toast';
import { ApiError, call } from '../../lib/api/client';
import { contentKeys, useDeck } from '../../lib/api/content-queries';
import { PresentStartDialog } from '../presenter/PresentStartDialog';
import { DeckEntryRow } from './DeckEntryRow';
import { fromDeck, fromLibrary, move, toInput, type DraftEntry } from './deck-draft';
import { LibraryPicker } from './LibraryPicker';

interface DeckEditorProps {
  /** null: a new deck. */
  deckId: string | null;
}

/**
 * Builds a deck: items (or page ranges of PDFs) from the library, in order, with private
 * presenter notes. Saved only when the rep saves (Ctrl+S), and then committed at once.
 * A deck that follows a new version with a different page count says so here, and what
 * dropped out (expired, retired…) is listed, never silently removed.
 */
export function DeckEditor({ deckId }: DeckEditorProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const saved = useDeck(deckId);
  const [name, setName] = useState('');
  const [entries, setEntries] = useState<DraftEntry[]>([]);
  // What the saved deck holds; a new deck starts from an empty one, so it is not "unsaved" until something is added.
  const [baseline, setBaseline] = useState(() => JSON.stringify(['', toInput([])]));
  const toast = useToast();
  const [presenting, setPresenting] = useState(false);

  const load = (deck: Deck) => {
    const draft = fromDeck(deck);
    setName(deck.name);
    setEntries(draft);
    setBaseline(JSON.stringify([deck.name, toInput(draft)]));
  };
  // A (re)loaded deck replaces the draft: adjusted during render, as React recommends for state derived from props.
  const [loadedFrom, setLoadedFrom] = useState<Deck | null>(null);
  if (saved.data && saved.data !== loadedFrom) {
    setLoadedFrom(saved.data);
    load(saved.data);
  }

  const dirty = useMemo(() => JSON.stringify([name, toInput(entries)]) !== baseline, [name, entries, baseline]);
  const save = useMutation({
    mutationFn: () =>
      call('decks.save', {
        ...(deckId ? { id: deckId } : {}),
        name: name || t('decks.untitled'),
        items: toInput(entries),
      }),
    onSuccess: (deck) => {
      client.setQueryData(contentKeys.deck(deck.id), deck);
      load(deck);
      toast.show(t('deckEditor.saved'));
      if (!deckId) navigate(`/decks/${deck.id}`, { replace: true });
    },
  });
  const review = useMutation({
    mutationFn: () => call('decks.review', { id: deckId ?? '' }),
    onSuccess: (deck) => {
      client.setQueryData(contentKeys.deck(deck.id), deck);
      load(deck);
      toast.show(t('deckEditor.reviewed'));
    },
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        if (!save.isPending) save.mutate();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  if (deckId && saved.isError) return <ErrorMessage error={saved.error} onRetry={() => void saved.refetch()} />;
  if (deckId && !saved.data) return <p className="muted pad">{t('app.loading')}</p>;

  const reviewCount = entries.filter((entry) => entry.state === 'needs_review').length;
  const droppedCount = entries.filter((entry) => entry.state === 'dropped' || entry.state === 'missing').length;
  const slides = entries.reduce((sum, entry) => {
    if (entry.state === 'dropped' || entry.state === 'missing') return sum;
    const count = entry.version?.pageCount;
    if (count === null || count === undefined) return sum + 1;
    return sum + Math.max(0, Math.min(count, entry.pageTo ?? count) - (entry.pageFrom ?? 1) + 1);
  }, 0);
  const fieldError = save.error instanceof ApiError ? save.error : null;

  return (
    <div className="deck-editor">
      <header className="deck-editor-head">
        <Link href="/decks" className="link-button">
          ← {t('deckEditor.back')}
        </Link>
        <label className="deck-name">
          <span className="field-label">{t('deckEditor.name')}</span>
          <input
            value={name}
            maxLength={120}
            placeholder={t('decks.untitled')}
            onChange={(event) => setName(event.target.value)}
            data-testid="deck-name"
          />
          <FieldError error={save.error} field="name" />
        </label>
        <div className="deck-editor-status">
          <span className="muted small">{t('decks.slides', { count: slides })}</span>
          {dirty && <span className="badge warning">{t('deckEditor.unsaved')}</span>}
        </div>
        <div className="toolbar">
          <span className="muted small">{t('deckEditor.saveHint')}</span>
          <button type="button" className="button primary" onClick={() => save.mutate()} disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('deckEditor.save')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!deckId || dirty || slides === 0}
            onClick={() => setPresenting(true)}
            data-testid="deck-present"
          >
            ▶ {t('decks.present')}
          </button>
        </div>
      </header>
      <div className="deck-editor-body">
        <section className="deck-entries" aria-labelledby="entries-title">
          <h2 id="entries-title">{t('deckEditor.entries')}</h2>
          {reviewCount > 0 && (
            <div className="notice warning" role="status" data-testid="review-notice">
              <span>{t('deckEditor.reviewNotice', { count: reviewCount })}</span>
              <button
                type="button"
                className="button small"
                disabled={!deckId || dirty || review.isPending}
                onClick={() => review.mutate()}
              >
                {t('deckEditor.markReviewed')}
              </button>
            </div>
          )}
          {droppedCount > 0 && (
            <div className="notice problem" role="status" data-testid="dropped-notice">
              {t('deckEditor.droppedNotice', { count: droppedCount })}
            </div>
          )}
          <GeneralError error={save.error} />
          {entries.length === 0 && <p className="empty-state">{t('deckEditor.emptyDeck')}</p>}
          <ol className="deck-entry-list">
            {entries.map((entry, index) => (
              <DeckEntryRow
                key={entry.key}
                entry={entry}
                index={index}
                count={entries.length}
                error={fieldError}
                onChange={(next) => setEntries(entries.map((old) => (old.key === entry.key ? next : old)))}
                onMove={(to) => setEntries(move(entries, index, to))}
                onRemove={() => setEntries(entries.filter((old) => old.key !== entry.key))}
              />
            ))}
          </ol>
          {entries.length > 1 && <p className="muted small">{t('deckEditor.reorderHint')}</p>}
        </section>
        <LibraryPicker
          onAdd={(item) => {
            setEntries([...entries, fromLibrary(item)]);
            toast.show(t('deckEditor.added', { title: item.shown.title }));
          }}
        />
      </div>
      {presenting && deckId && <PresentStartDialog source={{ deckId, name }} onClose={() => setPresenting(false)} />}
      <Toast toast={toast} />
    </div>
  );
}

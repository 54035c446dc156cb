import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DECK_LIMITS } from '../../shared/content';
import { FieldError } from '../../components/FieldError';
import { ContentThumbnail } from '../library/ContentThumbnail';
import type { DraftEntry } from './deck-draft';

interface DeckEntryRowProps {
  entry: DraftEntry;
  index: number;
  count: number;
  error: unknown;
  onChange: (entry: DraftEntry) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

function pageValue(value: string): number | null {
  const page = Number.parseInt(value, 10);
  return Number.isFinite(page) && page > 0 ? page : null;
}

/** One deck entry: which item and pages, the presenter notes, and how it stands now (updated, to review, left out). */
export function DeckEntryRow({ entry, index, count, error, onChange, onMove, onRemove }: DeckEntryRowProps) {
  const { t } = useTranslation();
  const version = entry.version;
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    onMove(index + (event.key === 'ArrowUp' ? -1 : 1));
  };
  const stateText = (() => {
    switch (entry.state) {
      case 'updated':
        return t('deckEditor.state.updated', { version: version?.version });
      case 'needs_review':
        return entry.reviewedVersion === null || entry.reviewedPageCount === null
          ? t('deckEditor.state.needs_review_unknown', { to: version?.version })
          : t('deckEditor.state.needs_review', {
              from: entry.reviewedVersion,
              to: version?.version,
              before: entry.reviewedPageCount,
              after: version?.pageCount,
            });
      case 'dropped':
      case 'missing':
        return t(`deckEditor.state.${entry.state}`, { reason: t(`problem.${entry.reason ?? 'missing_version'}`) });
      default:
        return null;
    }
  })();
  const out = entry.state === 'dropped' || entry.state === 'missing';
  return (
    <li
      className={`deck-entry state-${entry.state}`}
      onKeyDown={onKeyDown}
      data-testid="deck-entry"
      aria-label={version?.title ?? entry.itemId}
    >
      <span className="deck-entry-number">{index + 1}</span>
      {version ? <ContentThumbnail version={version} /> : <div className="thumbnail unavailable" />}
      <div className="deck-entry-main">
        <div className="deck-entry-title">
          <strong>{version?.title ?? entry.itemId}</strong>
          {version && <span className="version-tag">{t('library.version', { version: version.version })}</span>}
          {stateText && <span className={`badge ${out ? 'state-problem' : 'warning'}`}>{stateText}</span>}
        </div>
        {version?.kind === 'pdf' && !out && (
          <div className="deck-entry-pages">
            <span className="muted small">{t('deckEditor.pages')}</span>
            <input
              type="number"
              min={1}
              max={version.pageCount ?? undefined}
              aria-label={t('deckEditor.pageFrom')}
              placeholder="1"
              value={entry.pageFrom ?? ''}
              onChange={(event) => onChange({ ...entry, pageFrom: pageValue(event.target.value) })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="number"
              min={1}
              max={version.pageCount ?? undefined}
              aria-label={t('deckEditor.pageTo')}
              placeholder={String(version.pageCount ?? '')}
              value={entry.pageTo ?? ''}
              onChange={(event) => onChange({ ...entry, pageTo: pageValue(event.target.value) })}
            />
            {version.pageCount !== null && (
              <span className="muted small">/ {t('library.pages', { count: version.pageCount })}</span>
            )}
            <FieldError error={error} field={`items.${index}.pageFrom`} />
            <FieldError error={error} field={`items.${index}.pageTo`} />
          </div>
        )}
        <textarea
          rows={2}
          maxLength={DECK_LIMITS.notes}
          aria-label={t('deckEditor.notes')}
          placeholder={t('deckEditor.notesPlaceholder')}
          value={entry.notes}
          onChange={(event) => onChange({ ...entry, notes: event.target.value })}
        />
        <FieldError error={error} field={`items.${index}.versionId`} />
      </div>
      <div className="deck-entry-actions">
        <button
          type="button"
          className="button small"
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
          aria-label={t('deckEditor.moveUp')}
        >
          ↑
        </button>
        <button
          type="button"
          className="button small"
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
          aria-label={t('deckEditor.moveDown')}
        >
          ↓
        </button>
        <button type="button" className="button small danger" onClick={onRemove} aria-label={t('deckEditor.remove')}>
          ✕
        </button>
      </div>
    </li>
  );
}

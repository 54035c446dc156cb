import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../shared/content';
import { useLibrary } from '../../lib/api/content-queries';
import { ContentThumbnail } from '../library/ContentThumbnail';
import { fileText } from '../library/content-labels';

interface LibraryPickerProps {
  onAdd: (item: LibraryItem) => void;
}

/** The deck editor's side: presentable items only, searchable, each one click (or Enter) from the deck. */
export function LibraryPicker({ onAdd }: LibraryPickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const library = useLibrary({ query: deferred, presentableOnly: true, limit: 100 });
  return (
    <aside className="library-picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t('deckEditor.picker')}</h2>
      <input
        type="search"
        className="search-input"
        aria-label={t('library.searchLabel')}
        placeholder={t('library.searchPlaceholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="picker-search"
      />
      <ul className="picker-list" data-testid="picker-results">
        {library.data?.items.map((item) => (
          <li key={item.itemId} className="picker-row">
            <ContentThumbnail version={item.shown} />
            <span className="picker-text">
              <span className="content-title">{item.shown.title}</span>
              <span className="muted small">{fileText(t, item.shown)}</span>
            </span>
            <button
              type="button"
              className="button small"
              onClick={() => onAdd(item)}
              aria-label={`${t('deckEditor.add')}: ${item.shown.title}`}
            >
              ＋ {t('deckEditor.add')}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

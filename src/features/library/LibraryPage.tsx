import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useLibrary } from '../../lib/api/content-queries';
import { PresentStartDialog, type PresentSource } from '../presenter/PresentStartDialog';
import { AccountPicker } from './AccountPicker';
import { ContentCard } from './ContentCard';
import { ContentDetailPanel } from './ContentDetailPanel';
import { ContentViewer } from './ContentViewer';
import { LibraryFilters, NO_FILTERS, type LibraryFilterValues } from './LibraryFilters';
import { RecommendedStrip } from './RecommendedStrip';

interface LibraryPageProps {
  /** Open with this item's details (from "what they have already seen"). */
  itemId?: string | undefined;
  /** Show what is recommended for this account (from the journey). */
  accountId?: string | undefined;
}

const optional = (value: string) => (value === '' ? undefined : value);

/**
 * The approved content library: search (title, tags, key messages, in Japanese or English),
 * filters, recommendations for an account, and every item's state — what cannot be shown
 * is listed with the reason, never hidden.
 */
export function LibraryPage({ itemId, accountId }: LibraryPageProps) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<LibraryFilterValues>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(itemId ?? null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [presenting, setPresenting] = useState<PresentSource>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const deferredQuery = useDeferredValue(query);
  const library = useLibrary({
    query: deferredQuery,
    stage: optional(filters.stage),
    industry: optional(filters.industry),
    role: optional(filters.role),
    product: optional(filters.product),
    language: optional(filters.language),
    kind: filters.kind === 'pdf' || filters.kind === 'image' || filters.kind === 'video' ? filters.kind : undefined,
    presentableOnly: filters.presentableOnly,
    limit: 200,
  });

  // Following a link to another item selects it (state adjusted during render, not in an effect).
  const [linkedItem, setLinkedItem] = useState(itemId);
  if (itemId !== linkedItem) {
    setLinkedItem(itemId);
    setSelected(itemId ?? null);
  }
  useEffect(() => {
    const onSlash = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onSlash);
    return () => window.removeEventListener('keydown', onSlash);
  }, []);
  // Esc closes the detail panel (a dialog above it takes its own Esc first).
  const dialogOpen = viewing !== null || presenting !== null;
  useEffect(() => {
    if (!selected || dialogOpen) return;
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setSelected(null);
    };
    window.addEventListener('keydown', onEscape);
    return () => window.removeEventListener('keydown', onEscape);
  }, [selected, dialogOpen]);

  return (
    <div className={`library-page${selected ? ' with-detail' : ''}`}>
      <div className="library-main">
        <header className="library-header">
          <div>
            <h1>{t('library.title')}</h1>
            <p className="muted small">{t('library.subtitle')}</p>
          </div>
          <AccountPicker
            value={accountId ?? null}
            onChange={(id) => navigate(id ? `/library/for/${id}` : '/library')}
            label={t('library.recommendFor')}
            placeholder={t('library.chooseAccount')}
          />
        </header>
        <div className="library-search">
          <input
            ref={searchRef}
            type="search"
            className="search-input"
            aria-label={t('library.searchLabel')}
            placeholder={t('library.searchPlaceholder')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="library-search"
          />
          <span className="result-count" data-testid="library-count">
            {t('library.count', { count: library.data?.total ?? 0 })}
          </span>
        </div>
        <LibraryFilters value={filters} onChange={setFilters} />
        <div className="library-scroll">
          {accountId && <RecommendedStrip accountId={accountId} onSelect={setSelected} />}
          {library.isError && <ErrorMessage error={library.error} onRetry={() => void library.refetch()} />}
          {library.data?.items.length === 0 && <p className="empty-state">{t('library.empty')}</p>}
          <ul className="content-grid" data-testid="library-results">
            {library.data?.items.map((item) => (
              <ContentCard
                key={item.itemId}
                item={item}
                selected={item.itemId === selected}
                onSelect={() => setSelected(item.itemId === selected ? null : item.itemId)}
              />
            ))}
          </ul>
          <p className="muted small keyboard-hint">{t('library.keyboardHint')}</p>
        </div>
      </div>
      {selected && (
        <ContentDetailPanel
          key={selected}
          itemId={selected}
          onClose={() => setSelected(null)}
          onOpen={setViewing}
          onPresent={(id, name) => setPresenting({ itemId: id, name })}
        />
      )}
      {viewing && <ContentViewer versionId={viewing} onClose={() => setViewing(null)} />}
      {presenting && (
        <PresentStartDialog source={presenting} accountId={accountId} onClose={() => setPresenting(null)} />
      )}
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { LIMITS } from '../../shared/domain';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAccountSearch, useStages } from '../../lib/api/queries';
import { useLabels } from '../../lib/use-label';
import { AccountFilters, type AccountFilterValues } from './AccountFilters';

interface AccountListPaneProps {
  selectedId: string | undefined;
}

const ROW_HEIGHT = 68;

function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

/**
 * Search box, filters and a virtualized result list. Focus stays in the search box while
 * ↑/↓ move the highlighted row and Enter opens it, so the list is usable without a mouse.
 */
export function AccountListPane({ selectedId }: AccountListPaneProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const stages = useStages();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<AccountFilterValues>({ stageCode: '', territory: '', industry: '' });
  const [active, setActive] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Typing stays responsive: the search runs on the deferred value while the input updates at once.
  const deferredQuery = useDeferredValue(query);
  const search = useAccountSearch({
    query: deferredQuery,
    stageCode: optional(filters.stageCode),
    territory: optional(filters.territory),
    industry: optional(filters.industry),
  });
  const items = useMemo(() => search.data?.pages.flatMap((page) => page.items) ?? [], [search.data]);
  // The list shows the answer to what is typed (not the previous query's, kept while the new one runs).
  const current = deferredQuery === query && search.isSuccess && !search.isPlaceholderData;
  // Enter pressed before that: the first hit opens as soon as the answer is in.
  const [openWhenCurrent, setOpenWhenCurrent] = useState(false);
  const total = search.data?.pages[0]?.total ?? 0;
  const stageByCode = useMemo(() => new Map(stages.data?.map((stage) => [stage.code, stage])), [stages.data]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastVisible >= items.length - 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastVisible, items.length]);

  useEffect(() => setActive(0), [deferredQuery, filters]);
  // An account opened from elsewhere (a link, the journey) becomes the highlighted row once
  // the list holds it; a new search still starts from its first hit.
  const [highlightOpened, setHighlightOpened] = useState(true);
  useEffect(() => setHighlightOpened(true), [selectedId]);
  useEffect(() => {
    if (!highlightOpened || !selectedId) return;
    const index = items.findIndex((item) => item.id === selectedId);
    if (index < 0) return;
    setActive(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    setHighlightOpened(false);
  }, [highlightOpened, selectedId, items, virtualizer]);
  useEffect(() => {
    const onSlash = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onSlash);
    return () => window.removeEventListener('keydown', onSlash);
  }, []);

  const open = (index: number) => {
    const item = items[index];
    if (item) navigate(`/accounts/${item.id}`);
  };
  useEffect(() => {
    if (!openWhenCurrent || !current) return;
    setOpenWhenCurrent(false);
    const first = items[0];
    if (first) navigate(`/accounts/${first.id}`);
  }, [openWhenCurrent, current, items, navigate]);
  const move = (next: number) => {
    const clamped = Math.max(0, Math.min(items.length - 1, next));
    setActive(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        move(active + 1);
        break;
      case 'ArrowUp':
        move(active - 1);
        break;
      case 'PageDown':
        move(active + page);
        break;
      case 'PageUp':
        move(active - page);
        break;
      case 'Enter':
        if (current) open(active);
        else setOpenWhenCurrent(true);
        break;
      case 'Escape':
        setQuery('');
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const activeId = items[active] ? `account-option-${items[active].id}` : undefined;
  return (
    <section className="list-pane" aria-label={t('accounts.title')}>
      <div className="list-pane-header">
        <input
          ref={searchRef}
          type="search"
          className="search-input"
          data-testid="account-search"
          placeholder={t('accounts.searchPlaceholder')}
          aria-label={t('accounts.searchLabel')}
          role="combobox"
          aria-expanded="true"
          aria-controls="account-results"
          aria-activedescendant={activeId}
          maxLength={LIMITS.searchQuery}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpenWhenCurrent(false);
            setHighlightOpened(false);
          }}
          onKeyDown={onKeyDown}
          autoFocus
        />
        <AccountFilters
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setHighlightOpened(false);
          }}
        />
        <div className="result-count" data-testid="account-count">
          {t('accounts.count', { count: total })}
        </div>
      </div>
      {search.isError && <ErrorMessage error={search.error} onRetry={() => void search.refetch()} />}
      <div className="list-scroll" ref={scrollRef}>
        {search.isSuccess && items.length === 0 && (
          <div className="empty-state small">
            {/* Nothing searched and nothing listed: this laptop holds no accounts yet. */}
            {query === '' && !filters.stageCode && !filters.territory && !filters.industry ? (
              <>
                <p>{t('accounts.none')}</p>
                <p className="muted">{t('accounts.noneHint')}</p>
              </>
            ) : (
              <>
                <p>{t('accounts.empty')}</p>
                <p className="muted">{t('accounts.emptyHint')}</p>
              </>
            )}
          </div>
        )}
        <div
          id="account-results"
          data-testid="account-results"
          role="listbox"
          aria-label={t('accounts.title')}
          style={{ height: virtualizer.getTotalSize() }}
          className="virtual-list"
        >
          {virtualItems.map((row) => {
            const item = items[row.index];
            if (!item) return null;
            const classes = ['account-row'];
            if (item.id === selectedId) classes.push('selected');
            if (row.index === active) classes.push('active');
            return (
              <div
                key={item.id}
                id={`account-option-${item.id}`}
                role="option"
                aria-selected={item.id === selectedId}
                className={classes.join(' ')}
                style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
                onClick={() => {
                  setActive(row.index);
                  open(row.index);
                }}
              >
                <div className="account-row-main">
                  <span className="account-name">{item.name}</span>
                  <span className={`stage-pill stage-${stageByCode.get(item.stageCode)?.position ?? 0}`}>
                    {labels.stage(stageByCode.get(item.stageCode), item.stageCode)}
                  </span>
                </div>
                <div className="account-row-meta">
                  {item.matchedContact ? (
                    <span className="match-hint">{t('accounts.viaContact', { name: item.matchedContact })}</span>
                  ) : (
                    <span>{item.nameKana ?? item.domains[0]}</span>
                  )}
                  <span>
                    {labels.industry(item.industry)} · {labels.territory(item.territory)}
                  </span>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

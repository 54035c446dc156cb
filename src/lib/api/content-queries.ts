import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MethodInput } from '../../shared/contract';
import { call } from './client';

/** Keys start with the scope a data.changed event names (content, decks), so one event refreshes what it touched. */
export const contentKeys = {
  library: (input: MethodInput<'content.library'>) => ['content', 'library', input] as const,
  facets: ['content', 'facets'] as const,
  item: (itemId: string) => ['content', 'item', itemId] as const,
  recommended: (accountId: string, contactIds: string[]) => ['content', 'recommended', accountId, contactIds] as const,
  decks: ['decks', 'list'] as const,
  deck: (id: string) => ['decks', 'one', id] as const,
};

export const useLibrary = (input: MethodInput<'content.library'>) =>
  useQuery({
    queryKey: contentKeys.library(input),
    queryFn: () => call('content.library', input),
    placeholderData: keepPreviousData,
  });

export const useLibraryFacets = () =>
  useQuery({ queryKey: contentKeys.facets, queryFn: () => call('content.facets', {}), staleTime: 300_000 });

export const useContentItem = (itemId: string) =>
  useQuery({ queryKey: contentKeys.item(itemId), queryFn: () => call('content.item', { itemId }) });

/** Recommendations change with every touchpoint too, so they are always fetched fresh. */
export const useRecommended = (accountId: string | null, contactIds: string[] = []) =>
  useQuery({
    queryKey: contentKeys.recommended(accountId ?? '', contactIds),
    queryFn: () => call('content.recommended', { accountId: accountId ?? '', contactIds }),
    enabled: accountId !== null,
    staleTime: 0,
  });

export const useDecks = () => useQuery({ queryKey: contentKeys.decks, queryFn: () => call('decks.list', {}) });

export const useDeck = (id: string | null) =>
  useQuery({
    queryKey: contentKeys.deck(id ?? ''),
    queryFn: () => call('decks.get', { id: id ?? '' }),
    enabled: id !== null,
  });

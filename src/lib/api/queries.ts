import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import type { MethodInput } from '../../shared/contract';
import { call, subscribe } from './client';
import { SYNC_STATUS_KEY, setSyncStatus } from './sync-status-cache';

/** Query keys start with the scope a data.changed event names, so one event refreshes what it touched. */
export const keys = {
  status: ['app', 'status'] as const,
  settings: ['settings'] as const,
  stages: ['stages'] as const,
  facets: ['accounts', 'facets'] as const,
  search: (input: Omit<MethodInput<'accounts.search'>, 'offset' | 'limit'>) => ['accounts', 'search', input] as const,
  account: (id: string) => ['accounts', 'one', id] as const,
  timeline: (input: Omit<MethodInput<'journey.timeline'>, 'cursor'>) => ['touchpoints', 'timeline', input] as const,
  overview: (accountId: string) => ['touchpoints', 'overview', accountId] as const,
  events: ['events'] as const,
  event: (id: string) => ['events', 'one', id] as const,
  captures: (eventId: string) => ['captures', eventId] as const,
  draft: (eventId: string) => ['captures', 'draft', eventId] as const,
  presentable: ['content', 'presentable'] as const,
  syncStatus: SYNC_STATUS_KEY,
  syncPending: ['sync', 'pending'] as const,
  syncIssues: ['sync', 'issues'] as const,
  syncDownloads: ['sync', 'downloads'] as const,
};

export const useAppStatus = () => useQuery({ queryKey: keys.status, queryFn: () => call('app.status', {}) });
export const useSettings = () => useQuery({ queryKey: keys.settings, queryFn: () => call('settings.get', {}) });
export const useStages = () =>
  useQuery({ queryKey: keys.stages, queryFn: () => call('stages.list', {}), staleTime: Infinity });
export const useFacets = () => useQuery({ queryKey: keys.facets, queryFn: () => call('accounts.facets', {}) });

const SEARCH_PAGE = 100;

/** Pages of search results by offset; the virtualized list asks for the next page near its end. */
export const useAccountSearch = (input: Omit<MethodInput<'accounts.search'>, 'offset' | 'limit'>) =>
  useInfiniteQuery({
    queryKey: keys.search(input),
    queryFn: ({ pageParam }) => call('accounts.search', { ...input, offset: pageParam, limit: SEARCH_PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.length * SEARCH_PAGE;
      return loaded < last.total ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });

export const useAccount = (id: string) =>
  useQuery({ queryKey: keys.account(id), queryFn: () => call('accounts.get', { id }) });

export const useOverview = (accountId: string) =>
  useQuery({ queryKey: keys.overview(accountId), queryFn: () => call('journey.overview', { accountId }) });

export const useTimeline = (input: Omit<MethodInput<'journey.timeline'>, 'cursor'>) =>
  useInfiniteQuery({
    queryKey: keys.timeline(input),
    queryFn: ({ pageParam }) => call('journey.timeline', pageParam ? { ...input, cursor: pageParam } : input),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

export function useAddTouchpoint() {
  return useMutation({ mutationFn: (input: MethodInput<'touchpoints.add'>) => call('touchpoints.add', input) });
}

export function useUpdateSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: MethodInput<'settings.update'>) => call('settings.update', patch),
    onSuccess: (settings) => client.setQueryData(keys.settings, settings),
  });
}

/**
 * Refreshes whatever a core event says changed, in every window, and the sync status and
 * pending list with it: a local write queues changes, and "Offline · N waiting" must count
 * them at once, not at the next sync run.
 */
export function invalidateOnDataChanged(client: QueryClient): () => void {
  return subscribe('data.changed', ({ scopes }) => {
    for (const scope of scopes) void client.invalidateQueries({ queryKey: [scope] });
    void client.invalidateQueries({ queryKey: keys.syncStatus });
    void client.invalidateQueries({ queryKey: keys.syncPending });
  });
}

export const useEvents = () => useQuery({ queryKey: keys.events, queryFn: () => call('events.list', {}) });
export const useEvent = (id: string) =>
  useQuery({ queryKey: keys.event(id), queryFn: () => call('events.get', { id }) });
export const useCaptures = (eventId: string) =>
  useQuery({ queryKey: keys.captures(eventId), queryFn: () => call('capture.list', { eventId }) });
export const usePresentableContent = () =>
  useQuery({ queryKey: keys.presentable, queryFn: () => call('content.presentable', {}) });

/**
 * The sync status, kept current by the core's `sync.status` events (which also refresh the
 * pending list and the review list, since both change with every run).
 */
export function useSyncStatus() {
  const client = useQueryClient();
  useEffect(
    () =>
      subscribe('sync.status', (status) => {
        setSyncStatus(client, status);
        if (status.phase === 'download') void client.invalidateQueries({ queryKey: keys.syncDownloads });
        if (status.state !== 'syncing') {
          void client.invalidateQueries({ queryKey: keys.syncDownloads });
          void client.invalidateQueries({ queryKey: keys.syncPending });
          void client.invalidateQueries({ queryKey: keys.syncIssues });
        }
      }),
    [client],
  );
  return useQuery({
    queryKey: keys.syncStatus,
    queryFn: async () => setSyncStatus(client, await call('sync.status', {})),
  });
}
export const useSyncPending = () => useQuery({ queryKey: keys.syncPending, queryFn: () => call('sync.pending', {}) });
export const useSyncIssues = () => useQuery({ queryKey: keys.syncIssues, queryFn: () => call('sync.issues', {}) });
export const useSyncDownloads = () =>
  useQuery({ queryKey: keys.syncDownloads, queryFn: () => call('sync.downloads', {}) });

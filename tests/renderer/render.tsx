import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { applyLanguage } from '../../src/i18n';

/** Renders part of the app as src/main.tsx does (same query defaults), in English. */
export function renderWithApp(ui: ReactElement) {
  applyLanguage('en');
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 } },
  });
  return { client, ...render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>) };
}

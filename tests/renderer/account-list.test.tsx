import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountListItem } from '../../src/shared/domain';
import { AccountListPane } from '../../src/features/accounts/AccountListPane';
import { fakeCore } from './fake-core';
import { renderWithApp } from './render';

const account = (n: number): AccountListItem => ({
  id: `a${n}`,
  name: `Account ${n}`,
  nameKana: null,
  domains: [],
  industry: 'manufacturing',
  territory: 'kanto',
  region: 'JP',
  stageCode: 'problem_identification',
  matchedContact: null,
});

beforeEach(() => {
  fakeCore.answer({
    'stages.list': () => [{ code: 'problem_identification', position: 1, labelJa: '課題認識', labelEn: 'Problem' }],
    'accounts.facets': () => ({ territories: ['kanto'], industries: ['manufacturing'] }),
    'accounts.search': () => ({ total: 3, items: [account(1), account(2), account(3)] }),
  });
});

describe('the account list', () => {
  it('highlights the account that is open, not the first row, when it was opened from elsewhere', async () => {
    renderWithApp(<AccountListPane selectedId="a3" />);
    // The highlighted row is the search box's active descendant (jsdom lays out no rows to look at).
    const search = await screen.findByRole('combobox', { name: 'Search accounts' });
    await waitFor(() => expect(search.getAttribute('aria-activedescendant')).toBe('account-option-a3'));
  });

  it('starts a new search from its first hit', async () => {
    renderWithApp(<AccountListPane selectedId="a3" />);
    const search = await screen.findByRole('combobox', { name: 'Search accounts' });
    await waitFor(() => expect(search.getAttribute('aria-activedescendant')).toBe('account-option-a3'));
    fireEvent.change(search, { target: { value: 'Account' } });
    await waitFor(() => expect(search.getAttribute('aria-activedescendant')).toBe('account-option-a1'));
  });

  it('says the laptop holds no accounts yet, not that nothing matches, before anything was searched', async () => {
    fakeCore.on('accounts.search', () => ({ total: 0, items: [] }));
    renderWithApp(<AccountListPane selectedId={undefined} />);
    expect(await screen.findByText('No accounts on this laptop yet.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Search accounts' }), { target: { value: 'zz' } });
    expect(await screen.findByText('No account matches.')).toBeTruthy();
  });

  it('starts a search from its first hit even when it finds the open account the list did not hold', async () => {
    fakeCore.on('accounts.search', ({ query }) =>
      query === '' ? { total: 2, items: [account(1), account(2)] } : { total: 2, items: [account(7), account(9)] },
    );
    renderWithApp(<AccountListPane selectedId="a9" />);
    const search = await screen.findByRole('combobox', { name: 'Search accounts' });
    await waitFor(() => expect(search.getAttribute('aria-activedescendant')).toBe('account-option-a1'));
    fireEvent.change(search, { target: { value: 'Account' } });
    await waitFor(() => expect(search.getAttribute('aria-activedescendant')).toBe('account-option-a7'));
    // The answer is in and stays: the open account does not take the highlight back.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(search.getAttribute('aria-activedescendant')).toBe('account-option-a7');
  });
});

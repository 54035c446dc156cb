import { useQueryClient } from '@tanstack/react-query';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { useEffect, type ReactNode } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SyncStatusControl } from '../../src/components/SyncStatusControl';
import { AppError } from '../../src/shared/errors';
import { SyncPage } from '../../src/features/sync/SyncPage';
import { invalidateOnDataChanged } from '../../src/lib/api/queries';
import type { MethodOutput } from '../../src/shared/contract';
import type { SyncStatus } from '../../src/shared/sync-status';
import { fakeCore } from './fake-core';
import { renderWithApp } from './render';

/** The outbox of an offline laptop, as the core would report it. */
let outbox: MethodOutput<'sync.pending'>;
let revision = 0;

function status(): SyncStatus {
  const pending = outbox.byKind.reduce((sum, { count }) => sum + count, 0);
  return {
    state: 'offline',
    phase: 'idle',
    progress: null,
    pending,
    issues: 0,
    hubUrl: 'https://hub.example.jp',
    user: 'tanaka',
    territories: ['kanto'],
    lastSyncAt: Date.UTC(2026, 10, 28, 0),
    lastError: null,
    instance: 'core-1',
    revision: ++revision,
  };
}

beforeEach(() => {
  outbox = {
    byKind: [{ kind: 'touchpoint_create', count: 3 }],
    oldestAt: Date.UTC(2026, 10, 28, 1),
    failedAttempts: 0,
    lastError: null,
  };
  fakeCore.answer({
    'sync.status': status,
    'sync.pending': () => outbox,
    'sync.issues': () => [],
    'sync.downloads': () => [],
    'sync.connectivity': status,
  });
});

/** Wired as src/app/App.tsx wires every window: the core's data.changed events refresh what they name. */
function AppWindow({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  useEffect(() => invalidateOnDataChanged(client), [client]);
  return children;
}

/** The rep saves a visitor at the booth, offline: the core queues it and says what changed. */
function captureVisitorOffline() {
  outbox = {
    ...outbox,
    byKind: [...outbox.byKind, { kind: 'account_create', count: 1 }, { kind: 'contact_create', count: 1 }],
  };
  act(() =>
    fakeCore.emit('data.changed', { scopes: ['captures', 'events', 'touchpoints', 'accounts'], accountIds: ['a1'] }),
  );
}

describe('what is waiting to be sent follows local writes at once', () => {
  it('in the sync control on every screen', async () => {
    renderWithApp(
      <AppWindow>
        <SyncStatusControl />
      </AppWindow>,
    );
    expect(await screen.findByText('Offline 3 waiting')).toBeTruthy();

    captureVisitorOffline();

    expect(await screen.findByText('Offline 5 waiting')).toBeTruthy();
  });

  it('in the list on the sync page', async () => {
    renderWithApp(
      <AppWindow>
        <SyncPage />
      </AppWindow>,
    );
    expect(await screen.findByText('Touchpoints')).toBeTruthy();
    expect(screen.queryByText('New contacts')).toBeNull();

    captureVisitorOffline();

    expect(await screen.findByText('New contacts')).toBeTruthy();
  });
});

describe('the last failure on the Sync page', () => {
  it('is said in the UI language, with the technical detail kept for support', async () => {
    const technical = 'The hub at https://hub.example.jp cannot be reached (TypeError: fetch failed).';
    fakeCore.on('sync.status', () => ({
      ...status(),
      lastError: { kind: 'offline', message: technical, at: Date.UTC(2026, 10, 28, 2) },
    }));
    renderWithApp(<SyncPage />);
    const said = await screen.findByText(/The hub could not be reached/);
    expect(said.textContent).not.toContain('TypeError');
    expect(said.getAttribute('title')).toBe(technical);
  });
});

describe('signing out', () => {
  it("asks in the app's own dialog and shows a refusal there", async () => {
    fakeCore.on('sync.signOut', () => {
      throw new AppError('UNSYNCED_WORK', '3 change(s) exist only on this device.');
    });
    renderWithApp(<SyncPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('dialog', { name: 'Disconnect this device from the hub?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fakeCore.callsTo('sync.signOut')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Sign out' }));
    expect(await within(screen.getByRole('dialog')).findByText(/UNSYNCED_WORK/)).toBeTruthy();
    expect(fakeCore.callsTo('sync.signOut')).toHaveLength(1);
  });
});

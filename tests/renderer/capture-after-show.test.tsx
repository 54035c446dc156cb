import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/errors';
import { AfterShowPage } from '../../src/features/capture/AfterShowPage';
import { fakeCore } from './fake-core';
import { renderWithApp } from './render';
import { capturedVisitor, expoEvent } from './capture-fixtures';

const expo = expoEvent();

const capture = capturedVisitor({ rating: 'warm', consent: true, synced: true });

const ACTIONS = ['Draft follow-ups', 'CSV for Salesforce', 'CSV for HubSpot', 'Encrypted export'];

beforeEach(() => {
  fakeCore.answer({ 'events.get': () => expo, 'capture.list': () => [] });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('captures list', () => {
  it('offers no drafting or export while there is no capture, and says why', async () => {
    renderWithApp(<AfterShowPage eventId="e1" />);
    expect(await screen.findByText('No visitors captured yet.')).toBeTruthy();
    for (const name of ACTIONS) {
      const button = screen.getByRole<HTMLButtonElement>('button', { name });
      expect(button.disabled).toBe(true);
      expect(button.title).toBe('No visitors captured yet: nothing to draft or export.');
    }
    // Bringing in another device's export is how an empty list gets its captures.
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Import an export' }).disabled).toBe(false);
  });

  it('offers drafting and export once there is a capture', async () => {
    fakeCore.on('capture.list', () => [capture]);
    renderWithApp(<AfterShowPage eventId="e1" />);
    expect(await screen.findByText('山田 太郎')).toBeTruthy();
    for (const name of ACTIONS) {
      const button = screen.getByRole<HTMLButtonElement>('button', { name });
      expect(button.disabled).toBe(false);
      expect(button.title).toBe('');
    }
  });

  it("asks in the app's own dialog before deleting the event", async () => {
    const confirm = vi.spyOn(window, 'confirm');
    fakeCore.on('events.delete', () => ({ deleted: true }));
    renderWithApp(<AfterShowPage eventId="e1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete event' }));

    const dialog = screen.getByRole('dialog', { name: 'Delete the event “Japan IT Week”?' });
    // Cancel has the focus: Enter alone deletes nothing.
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(dialog.isConnected).toBe(false);
    expect(fakeCore.callsTo('events.delete')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete event' }));
    const inDialog = screen.getByRole('dialog').querySelector<HTMLButtonElement>('.button.danger');
    fireEvent.click(inDialog!);
    await waitFor(() => expect(fakeCore.callsTo('events.delete')).toEqual([{ id: 'e1' }]));
    expect(confirm).not.toHaveBeenCalled();
  });

  it('shows a refused delete in the dialog', async () => {
    fakeCore.on('events.delete', () => {
      throw new AppError('UNSYNCED_WORK', 'Captures exist only on this device.');
    });
    renderWithApp(<AfterShowPage eventId="e1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete event' }));
    fireEvent.click(screen.getByRole('dialog').querySelector<HTMLButtonElement>('.button.danger')!);
    const alert = await screen.findByRole('alert');
    expect(screen.getByRole('dialog').contains(alert)).toBe(true);
  });
});

import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../src/shared/capture';
import { applyLanguage } from '../../src/i18n';
import { CaptureScreen } from '../../src/features/capture/CaptureScreen';
import { fakeCore } from './fake-core';
import { renderWithApp } from './render';
import { answerShift, capturedVisitor, expoEvent } from './capture-fixtures';

// Catalogue codes (demo and hub events) next to names a rep typed in the New event dialog.
const expo = expoEvent({ products: ['field_suite', 'capture', 'Robot arm X2', 'Suite v2.0: Pro', 'unknown_code'] });

const saved = capturedVisitor({ rating: 'hot' });

beforeEach(() => answerShift(expo));

describe('event mode labels', () => {
  it('names catalogue products by their translated name and shows typed products as typed', async () => {
    renderWithApp(<CaptureScreen eventId="e1" />);
    const suite = await screen.findByRole('checkbox', { name: 'OneTeam Field Suite' });
    expect(screen.getByRole('checkbox', { name: 'OneTeam Capture' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Robot arm X2' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Suite v2.0: Pro' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'unknown_code' })).toBeTruthy();
    expect(screen.queryByText('field_suite')).toBeNull();

    // Only the label is translated: the capture records the event's own value.
    fireEvent.click(suite);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Robot arm X2' }));
    await waitFor(() =>
      expect(fakeCore.callsTo('capture.draft.save').at(-1)?.fields.interests).toEqual(['field_suite', 'Robot arm X2']),
    );
  });

  it('names products and ratings in Japanese', async () => {
    renderWithApp(<CaptureScreen eventId="e1" />);
    await screen.findByRole('checkbox', { name: 'OneTeam Field Suite' });
    act(() => applyLanguage('ja'));
    const rating = screen.getByRole('radiogroup', { name: '確度' });
    expect(rating.textContent).toBe('ホットウォームコールド');
    expect(screen.getByText('同意文 v1：We may contact you about our products.')).toBeTruthy();
  });

  it('says what "Just captured" will hold until the first visitor is saved', async () => {
    let list: CaptureSummary[] = [];
    fakeCore.on('capture.list', () => list);
    fakeCore.on('capture.save', () => {
      list = [saved];
      return saved;
    });
    renderWithApp(<CaptureScreen eventId="e1" />);
    expect(await screen.findByText('Visitors you save appear here.')).toBeTruthy();

    const familyName = screen.getByLabelText('Family name');
    fireEvent.change(familyName, { target: { value: '山田' } });
    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('山田 太郎')).toBeTruthy();
    expect(screen.queryByText('Visitors you save appear here.')).toBeNull();
  });
});

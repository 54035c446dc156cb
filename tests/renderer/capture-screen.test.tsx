import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../src/shared/capture';
import { AppError } from '../../src/shared/errors';
import { deferred, fakeCore } from './fake-core';
import { answerShift, capturedVisitor, openShift } from './capture-fixtures';

const saved = capturedVisitor();

beforeEach(() => answerShift());

describe('event mode', () => {
  it('saves the visitor once when Ctrl+Enter is pressed again while the save is still running', async () => {
    const save = deferred<CaptureSummary>();
    fakeCore.on('capture.save', () => save.promise);
    const familyName = await openShift();
    fireEvent.change(familyName, { target: { value: '山田' } });
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'taro@example.jp' } });

    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(fakeCore.callsTo('capture.save')).toHaveLength(1));
    // The first save is still on its way (a slow disk); the rep presses the shortcut again.
    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    save.resolve(saved);

    expect(await screen.findByText('Saved: 山田 太郎')).toBeTruthy();
    expect(fakeCore.callsTo('capture.save')).toHaveLength(1);
  });

  it('keeps a draft of the visitor being typed', async () => {
    const familyName = await openShift();
    fireEvent.change(familyName, { target: { value: '山田' } });
    await waitFor(() => expect(fakeCore.callsTo('capture.draft.save').at(-1)?.fields.familyName).toBe('山田'));
  });

  it('keeps drafts going after the old draft could not be read', async () => {
    fakeCore.on('capture.draft.get', () => {
      throw new AppError('CORE_UNAVAILABLE', 'The core is restarting');
    });
    const familyName = await openShift();
    fireEvent.change(familyName, { target: { value: '山田' } });
    await waitFor(() => expect(fakeCore.callsTo('capture.draft.save').at(-1)?.fields.familyName).toBe('山田'));
  });

  it('saves again under the same capture id after an unclear failure, and under a new one for the next visitor', async () => {
    let attempts = 0;
    fakeCore.on('capture.save', () => {
      attempts += 1;
      // The first answer is lost: the core restarted, perhaps after it committed.
      if (attempts === 1) throw new AppError('CORE_UNAVAILABLE', 'The core process stopped; it is restarting.');
      return saved;
    });
    const familyName = await openShift();
    fireEvent.change(familyName, { target: { value: '山田' } });
    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(fakeCore.callsTo('capture.save')).toHaveLength(1));
    expect(await screen.findByText(/restarting its data service/)).toBeTruthy();

    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Saved: 山田 太郎')).toBeTruthy();
    fireEvent.change(familyName, { target: { value: '佐藤' } });
    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(fakeCore.callsTo('capture.save')).toHaveLength(3));

    const [lost, retried, next] = fakeCore.callsTo('capture.save').map((call) => call.captureId);
    expect(lost).toBeTruthy();
    expect(retried).toBe(lost);
    expect(next).not.toBe(lost);
  });
});

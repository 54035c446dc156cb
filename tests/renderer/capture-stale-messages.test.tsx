import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/shared/capture';
import { AppError } from '../../src/shared/errors';
import { fakeCore } from './fake-core';
import { answerShift, capturedVisitor, openShift } from './capture-fixtures';

const saved = capturedVisitor({ contactName: '佐藤 健太', accountName: 'Test Kogyo', emails: [] });

/** A vCard the core half understood: the name is filled, the phone number is listed for the rep. */
const halfRead: ScanResult = {
  format: 'vcard',
  fields: { familyName: '佐藤', givenName: '健太', company: 'Test Kogyo' },
  issues: [{ field: 'phones', code: 'PHONE_INVALID', value: '12' }],
};

beforeEach(() => {
  answerShift();
  fakeCore.on('capture.parseScan', () => halfRead);
});

async function scan() {
  fireEvent.change(screen.getByTestId('scan-input'), { target: { value: 'BEGIN:VCARD…' } });
  expect(await screen.findByTestId('scan-result')).toBeTruthy();
  await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Family name').value).toBe('佐藤'));
}

describe('event mode messages', () => {
  it("takes a field's refusal away once that field is edited, not before", async () => {
    fakeCore.on('capture.save', ({ fields }) => {
      // As the core refuses it (save-capture.ts): on the e-mail, by its index.
      if (fields.emails.some((email) => !email.includes('.'))) {
        throw new AppError('INVALID_INPUT', `"${fields.emails[0]}" is not an e-mail address.`, 'emails.0');
      }
      return saved;
    });
    const familyName = await openShift();
    fireEvent.change(familyName, { target: { value: '佐藤' } });
    const email = screen.getByLabelText('E-mail');
    fireEvent.change(email, { target: { value: 'taro@' } });
    fireEvent.keyDown(email, { key: 'Enter', ctrlKey: true });
    expect((await screen.findByRole('alert')).textContent).toContain('Please check this value');

    // Another field: the e-mail is still wrong, so its refusal stays.
    fireEvent.change(screen.getByLabelText('Given name'), { target: { value: '健太' } });
    expect(screen.getByRole('alert').textContent).toContain('Please check this value');

    fireEvent.change(email, { target: { value: 'taro@example.jp' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('clears the scan box, text and result, for the next visitor after a save', async () => {
    fakeCore.on('capture.save', () => saved);
    const familyName = await openShift();
    await scan();

    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText('Saved: 佐藤 健太')).toBeTruthy();
    expect(screen.queryByTestId('scan-result')).toBeNull();
    expect(screen.getByTestId<HTMLTextAreaElement>('scan-input').value).toBe('');
  });

  it('clears the scan box on "next visitor", and its result when its text is deleted', async () => {
    const familyName = await openShift();
    await scan();
    fireEvent.change(screen.getByTestId('scan-input'), { target: { value: '' } });
    expect(screen.queryByTestId('scan-result')).toBeNull();

    await scan();
    fireEvent.keyDown(familyName, { key: 'n', altKey: true });
    expect(await screen.findByText('Form cleared')).toBeTruthy();
    expect(screen.queryByTestId('scan-result')).toBeNull();
    expect(screen.getByTestId<HTMLTextAreaElement>('scan-input').value).toBe('');
  });

  it('says so in the scan box when a scan cannot be read, and keeps what was typed', async () => {
    fakeCore.on('capture.parseScan', () => {
      throw new AppError('CORE_UNAVAILABLE', 'The core process stopped; it is restarting.');
    });
    const familyName = await openShift();
    fireEvent.change(familyName, { target: { value: '佐藤' } });
    fireEvent.change(screen.getByTestId('scan-input'), { target: { value: 'BEGIN:VCARD…' } });
    expect((await screen.findByText(/CORE_UNAVAILABLE/)).closest('.scan-box')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Family name').value).toBe('佐藤');
  });

  it('takes "a name or an e-mail" away once an e-mail is typed, though it is shown on the family name', async () => {
    fakeCore.on('capture.save', () => {
      throw new AppError('CAPTURE_INCOMPLETE', 'A visitor needs at least a name or an e-mail address.', 'familyName');
    });
    const familyName = await openShift();
    fireEvent.keyDown(familyName, { key: 'Enter', ctrlKey: true });
    expect(await screen.findByText(/CAPTURE_INCOMPLETE/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('E-mail'), { target: { value: 'kenta@test-kogyo.example.jp' } });
    await waitFor(() => expect(screen.queryByText(/CAPTURE_INCOMPLETE/)).toBeNull());
  });
});

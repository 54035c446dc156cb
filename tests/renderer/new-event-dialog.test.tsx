import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NewEventDialog } from '../../src/features/events/NewEventDialog';
import { renderWithApp } from './render';

function openDialog() {
  renderWithApp(<NewEventDialog onClose={() => undefined} onCreated={() => undefined} />);
}

describe('new event dialog', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("starts on the rep's date, not the UTC date", () => {
    // 08:00 in Tokyo (TZ is set for these tests in vitest.config.ts) is still the previous day in UTC.
    const morning = new Date(2026, 10, 28, 8, 0);
    expect(morning.toISOString().slice(0, 10)).toBe('2026-11-27');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(morning);

    openDialog();

    expect(screen.getByLabelText<HTMLInputElement>('First day').value).toBe('2026-11-28');
    expect(screen.getByLabelText<HTMLInputElement>('Last day').value).toBe('2026-11-28');
  });

  // Whatever the core refuses about a field is shown at that field. Here the values break the
  // contract's length limits (set directly, past the inputs' maxLength; a textarea cannot cap
  // its lines at all), and the fake core refuses them as the real one does.
  it.each([
    ['Venue', 'x'.repeat(201)],
    ['Booth', 'x'.repeat(51)],
    ['Products of interest (one per line)', 'x'.repeat(101)],
  ])('shows a refusal of %s next to that field', async (label, value) => {
    openDialog();
    fireEvent.change(screen.getByLabelText('Event name'), { target: { value: 'Japan IT Week' } });
    fireEvent.change(screen.getByLabelText('Consent text shown to visitors'), {
      target: { value: 'We may contact you about our products.' },
    });
    const field = screen.getByLabelText(label);
    fireEvent.change(field, { target: { value } });

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('This is too long.');
    expect(refusal.closest('label')).toBe(field.closest('label'));
  });
});

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FieldError } from '../../src/components/FieldError';
import { ApiError } from '../../src/lib/api/client';
import { renderWithApp } from './render';

describe('a field refusal', () => {
  it('says the bound a number broke, formatted for the language', () => {
    const refused = new ApiError('ABOVE_MAXIMUM', 'contentBudgetMb: too big', 'contentBudgetMb', 1_000_000);
    renderWithApp(<FieldError error={refused} field="contentBudgetMb" />);
    expect(screen.getByRole('alert').textContent).toBe('Enter 1,000,000 or less. (ABOVE_MAXIMUM)');
  });

  it('says an empty required field is empty', () => {
    renderWithApp(<FieldError error={new ApiError('REQUIRED', 'name: too small', 'name')} field="name" />);
    expect(screen.getByRole('alert').textContent).toBe('This cannot be empty. (REQUIRED)');
  });
});

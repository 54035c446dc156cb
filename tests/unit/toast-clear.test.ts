import { describe, expect, it } from 'vitest';
import { clearToast } from '../../src/lib/clear-toast';

describe('clearToast', () => {
  it('clears the toast whose time is up, but not a newer one that replaced it', () => {
    let state: string | null = 'Saved: deck A';
    const setToast = (update: (current: string | null) => string | null) => {
      state = update(state);
    };
    const done = clearToast(setToast);
    // The timer of "Saved: deck A" fires just after "Saved: deck B" was shown.
    state = 'Saved: deck B';
    done('Saved: deck A');
    expect(state).toBe('Saved: deck B');
    done('Saved: deck B');
    expect(state).toBeNull();
  });
});

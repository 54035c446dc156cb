import { describe, expect, it } from 'vitest';
import { clearToast, type ToastShowing } from '../../src/lib/toast-showing';

function toastState(initial: ToastShowing | null) {
  const box = { current: initial };
  const done = clearToast((update) => {
    box.current = update(box.current);
  });
  return { box, done };
}

describe('clearToast', () => {
  it('clears the toast whose time is up, but not a newer one that replaced it', () => {
    const deckA = { text: 'Saved: deck A' };
    const deckB = { text: 'Saved: deck B' };
    const { box, done } = toastState(deckA);
    // The timer of "Saved: deck A" fires just after "Saved: deck B" was shown.
    box.current = deckB;
    done(deckA);
    expect(box.current).toBe(deckB);
    done(deckB);
    expect(box.current).toBeNull();
  });

  it("gives the same text shown again its own time: the first showing's timer leaves it", () => {
    const first = { text: 'Settings saved' };
    const again = { text: 'Settings saved' };
    const { box, done } = toastState(first);
    box.current = again;
    done(first);
    expect(box.current).toBe(again);
  });
});

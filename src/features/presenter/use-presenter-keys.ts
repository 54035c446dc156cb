import { useEffect, useEffectEvent } from 'react';
import { keyBelongsToFocus } from '../../lib/key-focus';

export interface PresenterKeyActions {
  next: () => void;
  previous: () => void;
  first: () => void;
  last: () => void;
  blank: () => void;
  /** Pauses or plays the video on screen. */
  playPause?: () => void;
  toggleView?: () => void;
  escape?: () => void;
  enter?: () => void;
}

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/**
 * Keyboard and clicker navigation: clickers send PageDown/PageUp (some send arrows or
 * B/period for blank). Keys typed into a form field, and Enter or Space on a focused
 * button, are left to it.
 */
export function usePresenterKeys(actions: PresenterKeyActions): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    if (keyBelongsToFocus(event)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if (key === 'Escape' && actions.escape) actions.escape();
    else if (key === 'Enter' && actions.enter) actions.enter();
    else if (NEXT.has(key)) actions.next();
    else if (PREVIOUS.has(key)) actions.previous();
    else if (key === 'Home') actions.first();
    else if (key === 'End') actions.last();
    else if (key === 'b' || key === 'B' || key === '.') actions.blank();
    else if ((key === 'k' || key === 'K') && actions.playPause) actions.playPause();
    else if ((key === 'p' || key === 'P') && actions.toggleView) actions.toggleView();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    window.addEventListener('keydown', handle);
    return () => window.removeEventListener('keydown', handle);
  }, []);
}

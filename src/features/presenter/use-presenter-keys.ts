import { useEffect, useEffectEvent } from 'react';

export interface PresenterKeyActions {
  next: () => void;
  previous: () => void;
  first: () => void;
  last: () => void;
  blank: () => void;
  toggleView?: () => void;
  escape?: () => void;
  enter?: () => void;
}

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']);

/**
 * Keyboard and clicker navigation: clickers send PageDown/PageUp (some send arrows or
 * B/period for blank). Keys typed into a form field are left alone.
 */
export function usePresenterKeys(actions: PresenterKeyActions): void {
  const handle = useEffectEvent((event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if (key === 'Escape' && actions.escape) actions.escape();
    else if (key === 'Enter' && actions.enter) actions.enter();
    else if (NEXT.has(key)) actions.next();
    else if (PREVIOUS.has(key)) actions.previous();
    else if (key === 'Home') actions.first();
    else if (key === 'End') actions.last();
    else if (key === 'b' || key === 'B' || key === '.') actions.blank();
    else if ((key === 'p' || key === 'P') && actions.toggleView) actions.toggleView();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    window.addEventListener('keydown', handle);
    return () => window.removeEventListener('keydown', handle);
  }, []);
}

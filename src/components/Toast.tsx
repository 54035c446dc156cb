import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { clearToast, type ToastShowing } from '../lib/toast-showing';

/** A page's toast: `show(text)` puts a confirmation on screen for a few seconds. */
export function useToast() {
  const [showing, setShowing] = useState<ToastShowing | null>(null);
  const show = useCallback((text: string) => setShowing({ text }), []);
  return { showing, setShowing, show };
}

interface ToastProps {
  toast: ReturnType<typeof useToast>;
}

/** A short confirmation in a polite live region, so screen readers hear it without losing focus. */
export function Toast({ toast: { showing, setShowing } }: ToastProps) {
  const done = useEffectEvent(clearToast(setShowing));
  useEffect(() => {
    if (!showing) return;
    const timer = setTimeout(() => done(showing), 3000);
    return () => clearTimeout(timer);
  }, [showing]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {showing && <div className="toast">{showing.text}</div>}
    </div>
  );
}

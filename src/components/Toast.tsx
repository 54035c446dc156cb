import { useEffect, useEffectEvent } from 'react';
import { clearToast, type SetToast } from '../lib/clear-toast';

interface ToastProps {
  message: string | null;
  /** The state the message comes from: cleared when its time is up, unless a newer message replaced it. */
  setMessage: SetToast;
}

/** A short confirmation in a polite live region, so screen readers hear it without losing focus. */
export function Toast({ message, setMessage }: ToastProps) {
  const done = useEffectEvent(clearToast(setMessage));
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => done(message), 3000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {message && <div className="toast">{message}</div>}
    </div>
  );
}

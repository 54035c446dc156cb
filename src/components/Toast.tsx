import { useEffect, useEffectEvent } from 'react';

interface ToastProps {
  message: string | null;
  /** Called with the message whose time is up (a newer one may already have replaced it). */
  onDone: (shown: string) => void;
}

/** A short confirmation in a polite live region, so screen readers hear it without losing focus. */
export function Toast({ message, onDone }: ToastProps) {
  const done = useEffectEvent(onDone);
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

/**
 * One showing of a toast. Each call to show creates a new one, so the same text shown
 * twice in a row is two showings, each with its own full time on screen.
 */
export interface ToastShowing {
  text: string;
}

/** A state setter for the showing on screen (React's `setState` is one). */
export type SetToast = (update: (current: ToastShowing | null) => ToastShowing | null) => void;

/** What a Toast calls when the time of `shown` is up: clears it only if it is still the one on screen. */
export function clearToast(setToast: SetToast): (shown: ToastShowing) => void {
  return (shown) => setToast((current) => (current === shown ? null : current));
}

/** A state setter for the toast's message (React's `setState` is one). */
export type SetToast = (update: (current: string | null) => string | null) => void;

/** What a Toast calls when its time is up: clears the toast only if it still shows the message whose time is up. */
export function clearToast(setToast: SetToast): (shown: string) => void {
  return (shown) => setToast((current) => (current === shown ? null : current));
}

import { useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface ModalDialogProps {
  labelledBy: string;
  onClose: () => void;
  onKeyDown?: (event: KeyboardEvent) => void;
  children: ReactNode;
}

/**
 * A native modal <dialog>, opened on mount: the browser traps focus, makes the rest of the
 * page inert and turns Esc into a cancel, which closes it through `onClose`. It is closed
 * before it leaves the page, so focus goes back where it was (the button that opened it),
 * not to the page's body.
 */
export function ModalDialog({ labelledBy, onClose, onKeyDown, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Read while rendering the first time: by the commit, a field inside with autoFocus has focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useLayoutEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      // Still in the page here (a layout effect's cleanup runs before React removes it).
      element?.close();
      if (opener?.isConnected && document.activeElement !== opener) opener.focus();
    };
  }, [opener]);
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
    >
      {children}
    </dialog>
  );
}

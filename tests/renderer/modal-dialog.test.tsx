import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ModalDialog } from '../../src/components/ModalDialog';

function Opener() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        New event
      </button>
      {open && (
        <ModalDialog labelledBy="title" onClose={() => setOpen(false)}>
          <h2 id="title">New event</h2>
          <input aria-label="Event name" autoFocus />
        </ModalDialog>
      )}
    </>
  );
}

describe('a modal dialog', () => {
  it('gives focus back to the button that opened it when Esc closes it', () => {
    render(<Opener />);
    const button = screen.getByRole('button', { name: 'New event' });
    button.focus();
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog');
    screen.getByLabelText('Event name').focus();
    // Esc on a modal <dialog> is a 'cancel' event; ModalDialog turns it into onClose.
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

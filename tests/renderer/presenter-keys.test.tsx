import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PresenterScreen } from '../../src/features/presenter/PresenterScreen';
import type { PresenterSession } from '../../src/shared/content';
import { AppError } from '../../src/shared/errors';
import { fakeCore } from './fake-core';
import { presenterSlide } from './presenter-fixtures';
import { renderWithApp } from './render';

// pdf.js does not load in jsdom (no DOMMatrix, no canvas); these slides are images, which do not use it.
vi.mock('../../src/lib/pdf', () => ({
  openPdf: () => Promise.reject(new Error('no pdf.js in jsdom')),
  renderPdfPage: () => Promise.reject(new Error('no pdf.js in jsdom')),
}));

/** A presentation of three slides, on the second. */
const session: PresenterSession = {
  id: 's1',
  deckName: 'Booth deck',
  attendees: [],
  slides: [presenterSlide(1), presenterSlide(2), presenterSlide(3)],
  position: 1,
  blank: false,
  paused: false,
  startedAt: Date.UTC(2026, 10, 28, 1),
  times: [],
  leftOut: [],
  ended: false,
};

beforeEach(() => {
  fakeCore.answer({
    'presenter.get': () => session,
    'presenter.window': () => ({ mode: 'second_display' }),
    'presenter.show': ({ position, blank }) => ({
      sessionId: 's1',
      position,
      total: 3,
      blank,
      paused: false,
      slide: session.slides[position] ?? null,
      ended: false,
    }),
    'presenter.end': () => ({
      id: 's1',
      touchpointIds: [],
      pagesSeen: 2,
      durationSeconds: 60,
      keyMessagesCovered: [],
    }),
  });
});

/**
 * A key pressed on a focused button, as a browser handles it: Enter activates the button on
 * keydown, Space on keyup, unless a handler cancelled the keydown.
 */
function pressOn(button: HTMLElement, key: 'Enter' | ' ') {
  button.focus();
  const notCancelled = fireEvent.keyDown(button, { key });
  if (notCancelled && key === 'Enter') fireEvent.click(button);
  fireEvent.keyUp(button, { key });
  if (notCancelled && key === ' ') fireEvent.click(button);
}

async function openPresenter() {
  renderWithApp(<PresenterScreen sessionId="s1" />);
  expect(await screen.findByText('Slide 2 of 3')).toBeTruthy();
}

describe("presenter keys leave a focused button's Enter and Space to the button", () => {
  it('Enter on "Keep presenting" keeps presenting', async () => {
    await openPresenter();
    fireEvent.click(screen.getByRole('button', { name: 'End' }));

    pressOn(screen.getByRole('button', { name: 'Keep presenting' }), 'Enter');

    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText('Slide 2 of 3')).toBeTruthy();
    expect(fakeCore.callsTo('presenter.end')).toEqual([]);
  });

  it.each([
    ['Enter', 'Enter'],
    ['Space', ' '],
  ] as const)('%s on "Previous" goes back', async (_name, key) => {
    await openPresenter();

    pressOn(screen.getByRole('button', { name: /Previous/ }), key);

    expect(await screen.findByText('Slide 1 of 3')).toBeTruthy();
    expect(fakeCore.callsTo('presenter.show').map(({ position }) => position)).toEqual([0]);
  });

  it('a mouse click on a control leaves the focus where it was, so Space then turns the page', async () => {
    await openPresenter();
    const blank = screen.getByRole('button', { name: 'Blank (B)' });
    // As a browser does it: a mouse press focuses the button unless the press was cancelled.
    if (fireEvent.mouseDown(blank)) blank.focus();
    fireEvent.mouseUp(blank);
    fireEvent.click(blank);
    expect(document.activeElement).not.toBe(blank);

    const focused = document.activeElement ?? document.body;
    if (fireEvent.keyDown(focused, { key: ' ' })) fireEvent.keyUp(focused, { key: ' ' });

    expect(await screen.findByText('Slide 3 of 3')).toBeTruthy();
    expect(fakeCore.callsTo('presenter.show').map(({ position, blank }) => [position, blank])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('keys pressed elsewhere still turn the pages (a clicker)', async () => {
    await openPresenter();

    fireEvent.keyDown(document.body, { key: 'PageDown' });

    expect(await screen.findByText('Slide 3 of 3')).toBeTruthy();
  });
});

describe('a presentation that cannot be loaded', () => {
  it('says why and leaves a way back to the decks', async () => {
    fakeCore.on('presenter.get', () => {
      throw new AppError('NOT_FOUND', 'There is no presentation "s1".');
    });
    renderWithApp(<PresenterScreen sessionId="s1" />);
    expect(await screen.findByText(/NOT_FOUND/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to decks' }).getAttribute('href')).toBe('/decks');
  });
});

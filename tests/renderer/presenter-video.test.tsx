import { fireEvent, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AudienceScreen } from '../../src/features/presenter/AudienceScreen';
import { PresenterScreen } from '../../src/features/presenter/PresenterScreen';
import type { PresenterChanged, PresenterSession } from '../../src/shared/content';
import { fakeCore } from './fake-core';
import { presenterSlide } from './presenter-fixtures';
import { renderWithApp } from './render';

vi.mock('../../src/lib/pdf', () => ({
  openPdf: () => Promise.reject(new Error('no pdf.js in jsdom')),
  renderPdfPage: () => Promise.reject(new Error('no pdf.js in jsdom')),
}));

/** A product video between two images, on the video; the audience view is on a second display. */
const session: PresenterSession = {
  id: 's1',
  deckName: 'Booth deck',
  attendees: [],
  slides: [presenterSlide(1, 'image'), presenterSlide(2, 'video'), presenterSlide(3, 'image')],
  position: 1,
  blank: false,
  paused: false,
  startedAt: Date.UTC(2026, 10, 28, 1),
  times: [],
  leftOut: [],
  ended: false,
};

const audience = (position: number, paused: boolean): PresenterChanged => {
  const { versionId, kind, mime, page } = session.slides[position]!;
  return {
    sessionId: 's1',
    position,
    total: 3,
    blank: false,
    paused,
    slide: { versionId, kind, mime, page },
    ended: false,
  };
};

// jsdom has media elements but does not play them. Like a browser, play() and pause() change
// the state at once and fire their event a task later; what the screen asks is recorded.
let played: HTMLMediaElement[];
let pausedElements: HTMLMediaElement[];
beforeEach(() => {
  played = [];
  pausedElements = [];
  const state = new WeakMap<HTMLMediaElement, boolean>();
  vi.spyOn(HTMLMediaElement.prototype, 'paused', 'get').mockImplementation(function (this: HTMLMediaElement) {
    return state.get(this) ?? true;
  });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    played.push(this);
    if (state.get(this) !== false) {
      state.set(this, false);
      setTimeout(() => this.dispatchEvent(new Event('play')));
    }
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    pausedElements.push(this);
    if (state.get(this) === false) {
      state.set(this, true);
      setTimeout(() => this.dispatchEvent(new Event('pause')));
    }
  });
  fakeCore.answer({
    'presenter.get': () => session,
    'presenter.window': () => ({ mode: 'second_display' }),
    'presenter.current': () => audience(1, false),
    'presenter.playback': ({ paused }) => audience(1, paused),
    'presenter.show': ({ position }) => audience(position, false),
  });
});

describe('the presenter pauses the video the room watches', () => {
  it('with the button and with K; a slide without a video has no such control', async () => {
    renderWithApp(<PresenterScreen sessionId="s1" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Pause video (K)' }));
    expect(fakeCore.callsTo('presenter.playback')).toEqual([{ sessionId: 's1', paused: true }]);
    expect(await screen.findByRole('button', { name: 'Play video (K)' })).toBeTruthy();

    fireEvent.keyDown(document.body, { key: 'k' });
    expect(fakeCore.callsTo('presenter.playback').at(-1)).toEqual({ sessionId: 's1', paused: false });
    expect(await screen.findByRole('button', { name: 'Pause video (K)' })).toBeTruthy();

    // No video on the next slide: no button, and K asks nothing of the core.
    fireEvent.keyDown(document.body, { key: 'PageDown' });
    expect(await screen.findByText('Slide 3 of 3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /video/ })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(fakeCore.callsTo('presenter.playback')).toHaveLength(2);
  });

  it('two quick changes from the core leave the video as the last said, and ask the core nothing', async () => {
    renderWithApp(<PresenterScreen sessionId="s1" />);
    await screen.findByRole('button', { name: 'Pause video (K)' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    act(() => fakeCore.emit('presenter.changed', audience(1, true)));
    act(() => fakeCore.emit('presenter.changed', audience(1, false)));
    // The events of the view's own pause() and play() arrive after the state moved on: no echo, no loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fakeCore.callsTo('presenter.playback')).toEqual([]);
    expect(screen.getByTestId('video-playback').textContent).toBe('Pause video (K)');
  });

  it('on a single screen, the play bar of the one copy pauses for everyone', async () => {
    fakeCore.on('presenter.window', () => ({ mode: 'same_window' }));
    const { container } = renderWithApp(<PresenterScreen sessionId="s1" />);
    // A single screen opens on the audience view; P switches to the presenter's, with its play bar.
    await screen.findByTestId('audience');
    fireEvent.keyDown(document.body, { key: 'p' });
    await screen.findByRole('button', { name: 'Pause video (K)' });
    const video = container.querySelector('video')!;
    expect(video.controls).toBe(true);
    await waitFor(() => expect(video.paused).toBe(false));
    // The presenter pauses with the play bar: the element pauses first, then says so.
    act(() => void HTMLMediaElement.prototype.pause.call(video));
    await waitFor(() => expect(fakeCore.callsTo('presenter.playback')).toEqual([{ sessionId: 's1', paused: true }]));
    expect(await screen.findByRole('button', { name: 'Play video (K)' })).toBeTruthy();
  });

  it('switching views with P carries the video on from where it was; a page turn starts it afresh', async () => {
    fakeCore.on('presenter.window', () => ({ mode: 'same_window' }));
    const { container } = renderWithApp(<PresenterScreen sessionId="s1" />);
    await screen.findByTestId('audience');
    const first = container.querySelector('video')!;
    first.currentTime = 42;
    fireEvent.timeUpdate(first);

    fireEvent.keyDown(document.body, { key: 'p' });
    await screen.findByTestId('presenter');
    const second = container.querySelector('video')!;
    expect(second).not.toBe(first);
    expect(second.currentTime).toBe(42);

    fireEvent.keyDown(document.body, { key: 'PageDown' });
    expect(await screen.findByText('Slide 3 of 3')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'PageUp' });
    expect(await screen.findByText('Slide 2 of 3')).toBeTruthy();
    expect(container.querySelector('video')!.currentTime).toBe(0);
  });

  it('follows a pause made in another window', async () => {
    renderWithApp(<PresenterScreen sessionId="s1" />);
    await screen.findByRole('button', { name: 'Pause video (K)' });
    act(() => fakeCore.emit('presenter.changed', audience(1, true)));
    expect(await screen.findByRole('button', { name: 'Play video (K)' })).toBeTruthy();
    expect(fakeCore.callsTo('presenter.playback')).toEqual([]);
  });
});

describe('the audience screen', () => {
  it('pauses and plays its video as the presenter says, and never asks the core itself', async () => {
    const { container } = renderWithApp(<AudienceScreen />);
    await waitFor(() => expect(container.querySelector('video')).not.toBeNull());
    const video = container.querySelector('video')!;
    await waitFor(() => expect(played).toContain(video));

    act(() => fakeCore.emit('presenter.changed', audience(1, true)));
    await waitFor(() => expect(pausedElements).toContain(video));

    played.length = 0;
    act(() => fakeCore.emit('presenter.changed', audience(1, false)));
    await waitFor(() => expect(played).toContain(video));
    expect(fakeCore.callsTo('presenter.playback')).toEqual([]);
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AudienceScreen } from '../../src/features/presenter/AudienceScreen';
import { PresenterScreen } from '../../src/features/presenter/PresenterScreen';
import type { PresenterChanged, PresenterSession, PresenterSlide } from '../../src/shared/content';
import { fakeCore } from './fake-core';
import { renderWithApp } from './render';

vi.mock('../../src/lib/pdf', () => ({
  openPdf: () => Promise.reject(new Error('no pdf.js in jsdom')),
  renderPdfPage: () => Promise.reject(new Error('no pdf.js in jsdom')),
}));

const slide = (n: number, kind: PresenterSlide['kind']): PresenterSlide => ({
  versionId: `v${n}`,
  kind,
  mime: kind === 'video' ? 'video/mp4' : 'image/png',
  page: null,
  itemId: `i${n}`,
  title: `Item ${n}`,
  version: 1,
  pageCount: null,
  notes: '',
  keyMessages: [],
});

/** A product video between two images, on the video; the audience view is on a second display. */
const session: PresenterSession = {
  id: 's1',
  deckName: 'Booth deck',
  attendees: [],
  slides: [slide(1, 'image'), slide(2, 'video'), slide(3, 'image')],
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

// jsdom has media elements but does not play them: record what the screen asks of its video.
let played: HTMLMediaElement[];
let pausedElements: HTMLMediaElement[];
beforeEach(() => {
  played = [];
  pausedElements = [];
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    played.push(this);
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    pausedElements.push(this);
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

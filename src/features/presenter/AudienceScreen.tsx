import { useEffect, useState } from 'react';
import type { PresenterChanged } from '../../shared/content';
import { call, subscribe } from '../../lib/api/client';
import { SlideView } from './SlideView';
import { usePresenterKeys } from './use-presenter-keys';

/**
 * The audience screen (Electron opens it full screen on the second display): the current
 * slide on black and nothing else — no titles, notes, names, other accounts or
 * notifications. It knows only what `presenter.changed` says. A slide that fails to
 * render stays black rather than showing a broken page. A clicker pointed at this window
 * still turns pages.
 */
export function AudienceScreen() {
  const [state, setState] = useState<PresenterChanged | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    call('presenter.current', {}).then(
      (now) => current && setState(now),
      () => undefined,
    );
    const dispose = subscribe('presenter.changed', (change) => setState(change));
    return () => {
      current = false;
      dispose();
    };
  }, []);

  const show = (position: number, blank: boolean) => {
    if (!state || state.ended) return;
    const clamped = Math.max(0, Math.min(state.total - 1, position));
    void call('presenter.show', { sessionId: state.sessionId, position: clamped, blank }).catch(() => undefined);
  };
  usePresenterKeys({
    next: () => show((state?.position ?? 0) + 1, false),
    previous: () => show((state?.position ?? 0) - 1, false),
    first: () => show(0, false),
    last: () => show((state?.total ?? 1) - 1, false),
    blank: () => show(state?.position ?? 0, !state?.blank),
  });

  const slide = state && !state.ended && !state.blank ? state.slide : null;
  const key = slide ? `${slide.versionId}:${slide.page ?? ''}` : null;
  return (
    <main className="audience-stage" data-testid="audience">
      {slide && key !== failed && (
        <SlideView slide={slide} controls={false} paused={state?.paused ?? false} onError={() => setFailed(key)} />
      )}
    </main>
  );
}

import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { AudienceMode, PresentationSummary, PresenterSession } from '../../shared/content';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError, call, subscribe } from '../../lib/api/client';
import { openPdf, renderPdfPage } from '../../lib/pdf';
import { Clock } from './Clock';
import { PresentationDone } from './PresentationDone';
import { PresenterSidebar } from './PresenterSidebar';
import { SlideView } from './SlideView';
import { usePresenterKeys } from './use-presenter-keys';

interface PresenterScreenProps {
  sessionId: string;
}

const HEARTBEAT_MS = 5_000;

/** Cancels a mouse press on a button so the button does not take the keyboard focus. */
function keepFocus(event: MouseEvent<HTMLElement>): void {
  if (event.target instanceof Element && event.target.closest('button')) event.preventDefault();
}

/**
 * Presenter mode. With a second display the audience view is there (Electron main opens
 * it) and this window is the presenter's: current slide, next slide, notes, timers. On a
 * single screen this window shows the audience view and P switches to the presenter's
 * (when the screen is not mirrored to the room). Every page turn goes to the core, which
 * times it; a heartbeat saves the running page's time for crash recovery.
 */
export function PresenterScreen({ sessionId }: PresenterScreenProps) {
  const { t } = useTranslation();
  const session = useQuery({
    queryKey: ['presenter', sessionId],
    queryFn: () => call('presenter.get', { sessionId }),
    staleTime: Infinity,
  });
  const [position, setPosition] = useState(0);
  const [blank, setBlank] = useState(false);
  const [paused, setPaused] = useState(false);
  // P re-creates the slide view (audience and presenter layouts differ): a video carries on from here.
  const videoTimeRef = useRef(0);
  const [shownAt, setShownAt] = useState(() => Date.now());
  const [mode, setMode] = useState<AudienceMode['mode'] | null>(null);
  const [view, setView] = useState<'presenter' | 'audience'>('presenter');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ summary: PresentationSummary | null; restarted: boolean } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const slides = session.data?.slides ?? [];
  const ended = done !== null || session.data?.ended === true;

  // The core ended this presentation without us (it restarted, and recovery wrote the touchpoints).
  const lost = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'PRESENTATION_ENDED') {
      setDone((already) => already ?? { summary: null, restarted: true });
    } else setFailure(error);
  };

  // Where the core says the presentation stands when it is (re)loaded, e.g. after a reload of this window.
  const [loaded, setLoaded] = useState<PresenterSession | null>(null);
  if (session.data && session.data !== loaded) {
    setLoaded(session.data);
    setPosition(session.data.position);
    setBlank(session.data.blank);
    setPaused(session.data.paused);
  }

  // Render the opening slide while the stage is still being set up: on a single screen the audience
  // view fills the window, so its box is known before it is measured.
  const opening = session.data?.slides[session.data.position];
  const openingPdf = opening?.kind === 'pdf' ? `${opening.versionId}:${opening.page ?? 1}` : null;
  useEffect(() => {
    if (!openingPdf || mode === null) return;
    const [versionId = '', page = '1'] = openingPdf.split(':');
    const warm =
      mode === 'same_window'
        ? renderPdfPage(versionId, Number(page), { width: window.innerWidth, height: window.innerHeight })
        : openPdf(versionId);
    warm.catch(() => undefined);
  }, [openingPdf, mode]);

  useEffect(() => {
    let current = true;
    call('presenter.window', { action: 'open' }).then(
      ({ mode: opened }) => {
        if (!current) return;
        setMode(opened);
        setView(opened === 'same_window' ? 'audience' : 'presenter');
      },
      () => current && setMode('same_window'),
    );
    return () => {
      current = false;
      void call('presenter.window', { action: 'close' }).catch(() => undefined);
    };
  }, []);

  // A clicker aimed at the audience window turns pages there; follow it.
  useEffect(
    () =>
      subscribe('presenter.changed', (change) => {
        if (change.sessionId !== sessionId || change.ended) return;
        setPosition((old) => {
          if (old !== change.position) {
            setShownAt(Date.now());
            videoTimeRef.current = 0;
          }
          return change.position;
        });
        setBlank(change.blank);
        setPaused(change.paused);
      }),
    [sessionId],
  );

  useEffect(() => {
    if (ended) return;
    const timer = setInterval(() => {
      call('presenter.heartbeat', { sessionId }).catch(lost);
    }, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [sessionId, ended]);

  const go = (next: number, nextBlank: boolean) => {
    if (ended || slides.length === 0) return;
    const clamped = Math.max(0, Math.min(slides.length - 1, next));
    if (clamped === position && nextBlank === blank) return;
    if (clamped !== position) {
      setShownAt(Date.now());
      videoTimeRef.current = 0;
    }
    setFailure(null);
    setPosition(clamped);
    setBlank(nextBlank);
    setPaused(false);
    // Refused (say, the version expired during the meeting): the slide on screen stays, with the reason.
    const [before, blankBefore, pausedBefore] = [position, blank, paused];
    call('presenter.show', { sessionId, position: clamped, blank: nextBlank }).catch((error: unknown) => {
      setPosition(before);
      setBlank(blankBefore);
      setPaused(pausedBefore);
      lost(error);
    });
  };
  const onVideo = slides[position]?.kind === 'video' && !blank;
  // The audience window has no play bar: pausing here pauses the video the room is watching.
  const playback = (nextPaused: boolean) => {
    if (ended || !onVideo || nextPaused === paused) return;
    setPaused(nextPaused);
    call('presenter.playback', { sessionId, paused: nextPaused }).catch((error: unknown) => {
      setPaused(!nextPaused);
      lost(error);
    });
  };
  const end = () => {
    setConfirming(false);
    call('presenter.end', { sessionId }).then((summary) => setDone({ summary, restarted: false }), lost);
  };
  usePresenterKeys({
    next: () => go(position + 1, false),
    previous: () => go(position - 1, false),
    first: () => go(0, false),
    last: () => go(slides.length - 1, false),
    blank: () => go(position, !blank),
    playPause: () => playback(!paused),
    toggleView: () => setView(view === 'presenter' ? 'audience' : 'presenter'),
    escape: () => setConfirming(!confirming),
    enter: () => (confirming ? end() : go(position + 1, false)),
  });

  // A presentation that cannot be loaded (ended elsewhere, or a stale link) leaves a way back.
  if (session.isError)
    return (
      <div className="page">
        <ErrorMessage error={session.error} />
        <Link href="/decks" className="button">
          {t('presenter.backToDecks')}
        </Link>
      </div>
    );
  if (!session.data || mode === null) return <div className="splash">{t('app.loading')}</div>;
  const accountId = session.data.attendees[0]?.accountId ?? null;
  if (ended)
    return (
      <PresentationDone summary={done?.summary ?? null} restarted={done?.restarted ?? false} accountId={accountId} />
    );

  const slide = slides[position];
  const next = slides[position + 1];
  const ahead = next && next.kind === 'pdf' ? [{ versionId: next.versionId, page: next.page ?? 1 }] : [];
  // Sound comes from one window only. With a second display that is the audience window, and this
  // copy plays silently; on a single screen this window is the only one and keeps the sound. A play
  // bar only where it would act on the copy that is heard, and never on the audience view.
  const secondDisplay = mode === 'second_display';
  const playBar = view === 'presenter' && !secondDisplay;
  const stage = slide && !blank && (
    // One SlideView for the whole presentation: its measured box and canvas stay, so a turn is one drawImage.
    <SlideView
      slide={slide}
      ahead={ahead}
      muted={secondDisplay}
      controls={playBar}
      paused={paused}
      onPlayback={playBar ? playback : undefined}
      videoTimeRef={videoTimeRef}
      onError={setFailure}
    />
  );
  const confirm = confirming && (
    <div className="end-confirm" role="alertdialog" aria-label={t('presenter.endConfirm')}>
      <p>{t('presenter.endConfirm')}</p>
      <div className="toolbar">
        <button type="button" className="button" onClick={() => setConfirming(false)}>
          {t('presenter.keepPresenting')}
        </button>
        <button type="button" className="button primary" onClick={end} data-testid="end-now">
          {t('presenter.endNow')}
        </button>
      </div>
    </div>
  );

  if (view === 'audience') {
    return (
      <main className="audience-stage" data-testid="audience" onClick={() => go(position + 1, false)}>
        {stage}
        {confirm}
      </main>
    );
  }

  return (
    <main className="presenter" data-testid="presenter">
      <header className="presenter-head">
        <strong className="presenter-title" title={session.data.deckName ?? slide?.title}>
          {session.data.deckName ?? slide?.title}
        </strong>
        <span className="presenter-position" data-testid="presenter-position">
          {t('presenter.slide', { n: position + 1, total: slides.length })}
        </span>
        <Clock since={session.data.startedAt} label={t('presenter.elapsed')} testId="elapsed" />
        <Clock key={`${position}:${shownAt}`} since={shownAt} label={t('presenter.onSlide')} />
        <span className="presenter-mode muted small">
          {mode === 'second_display' ? t('presenter.audienceSecond') : t('presenter.audienceHere')}
        </span>
        <button type="button" className="button small" onClick={() => setView('audience')}>
          {t('presenter.showAudience')}
        </button>
        <button type="button" className="button small danger" onClick={() => setConfirming(true)}>
          {t('presenter.end')}
        </button>
      </header>
      <section className="presenter-current" aria-label={slide?.title}>
        <div className={`presenter-stage${blank ? ' blanked' : ''}`}>
          {stage}
          {blank && <span className="blank-label">{t('presenter.blanked')}</span>}
        </div>
        {failure !== null && <ErrorMessage error={failure} />}
        {session.data.leftOut.length > 0 && (
          <p className="notice problem small">
            {t('presenter.leftOut', {
              items: session.data.leftOut.map((entry) => `${entry.title} (${t(`problem.${entry.reason}`)})`).join(', '),
            })}
          </p>
        )}
      </section>
      <PresenterSidebar session={session.data} position={position} />
      {/* A click leaves focus where it was, so the next Space still turns the page (a focused button would take it). */}
      <footer className="presenter-foot" onMouseDown={keepFocus}>
        <button type="button" className="button" onClick={() => go(position - 1, false)} disabled={position === 0}>
          ← {t('presenter.previous')}
        </button>
        <button type="button" className={`button${blank ? ' primary' : ''}`} onClick={() => go(position, !blank)}>
          {t('presenter.blank')}
        </button>
        {onVideo && (
          <button type="button" className="button" onClick={() => playback(!paused)} data-testid="video-playback">
            {paused ? t('presenter.playVideo') : t('presenter.pauseVideo')}
          </button>
        )}
        <button
          type="button"
          className="button primary"
          onClick={() => go(position + 1, false)}
          disabled={position >= slides.length - 1}
        >
          {t('presenter.forward')} →
        </button>
        <span className="muted small">{t('presenter.keys')}</span>
      </footer>
      {confirm}
    </main>
  );
}

import { useEffect, useRef, type RefObject } from 'react';
import type { AudienceSlide } from '../../shared/content';
import { contentUrl } from '../../lib/content-url';
import { useBoxSize } from '../../lib/use-box-size';
import { PdfCanvas } from './PdfCanvas';

interface SlideViewProps {
  slide: AudienceSlide;
  /** Previews are muted and still; otherwise a video plays, with sound unless `muted`. */
  preview?: boolean;
  /** The browser's play bar (the library viewer has it); never on a screen the audience sees. */
  controls?: boolean;
  /** The presenter's copy while the audience window, on the second display, plays the sound. */
  muted?: boolean;
  /** A video follows the presentation's pause (set by the presenter in any window). */
  paused?: boolean;
  /** Told when this copy's own play bar pauses or plays its video (give it only with `controls`). */
  onPlayback?: (paused: boolean) => void;
  /** Where a video is kept while this view shows it, so a new copy of the view carries on from there. */
  videoTimeRef?: RefObject<number>;
  ahead?: { versionId: string; page: number }[];
  onError: (error: unknown) => void;
}

/** One slide (a PDF page, an image or a video) fitted into whatever box it is given. */
export function SlideView({
  slide,
  preview = false,
  controls = !preview,
  muted = false,
  paused = false,
  onPlayback,
  videoTimeRef,
  ahead,
  onError,
}: SlideViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const box = useBoxSize(ref);
  const playing = slide.kind === 'video' && !preview && !paused;
  useEffect(() => {
    const element = video.current;
    if (!element || preview) return;
    // play() is refused when the browser does not allow sound without a gesture; the play bar remains.
    if (playing) element.play()?.catch(() => undefined);
    else element.pause();
  }, [playing, preview, slide.versionId]);
  useEffect(() => {
    // Before its metadata has loaded this sets where the video starts (the default playback start position).
    if (video.current && videoTimeRef && videoTimeRef.current > 0) video.current.currentTime = videoTimeRef.current;
  }, [videoTimeRef, slide.versionId]);
  return (
    <div ref={ref} className="slide-view">
      {box && slide.kind === 'pdf' && (
        <PdfCanvas versionId={slide.versionId} page={slide.page ?? 1} box={box} ahead={ahead} onError={onError} />
      )}
      {slide.kind === 'image' && (
        <img
          className="slide-media"
          src={contentUrl(slide.versionId)}
          alt=""
          data-rendered={slide.versionId}
          onError={() => onError(new Error('image'))}
        />
      )}
      {slide.kind === 'video' && (
        <video
          // A new element per video: one whose source changes reports a pause that nobody made.
          key={slide.versionId}
          ref={video}
          className="slide-media"
          src={contentUrl(slide.versionId)}
          autoPlay={playing}
          muted={preview || muted}
          controls={controls}
          playsInline
          preload="metadata"
          data-rendered={slide.versionId}
          // Only a change the presentation did not ask for: the events of this view's own play()
          // and pause() arrive a task later, possibly after the state moved on again.
          onTimeUpdate={(event) => videoTimeRef && (videoTimeRef.current = event.currentTarget.currentTime)}
          onPlay={(event) => paused && !event.currentTarget.paused && onPlayback?.(false)}
          onPause={(event) => !paused && event.currentTarget.paused && !event.currentTarget.ended && onPlayback?.(true)}
          onError={() => onError(new Error('video'))}
        />
      )}
    </div>
  );
}

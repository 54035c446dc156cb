import { useRef } from 'react';
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
  ahead?: { versionId: string; page: number }[];
  onError: (error: unknown) => void;
}

/** One slide (a PDF page, an image or a video) fitted into whatever box it is given. */
export function SlideView({
  slide,
  preview = false,
  controls = !preview,
  muted = false,
  ahead,
  onError,
}: SlideViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const box = useBoxSize(ref);
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
          className="slide-media"
          src={contentUrl(slide.versionId)}
          autoPlay={!preview}
          muted={preview || muted}
          controls={controls}
          playsInline
          preload="metadata"
          data-rendered={slide.versionId}
          onError={() => onError(new Error('video'))}
        />
      )}
    </div>
  );
}

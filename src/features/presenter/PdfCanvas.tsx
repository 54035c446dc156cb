import { useEffect, useRef, useState } from 'react';
import { renderPdfPage, type Box } from '../../lib/pdf';

interface PdfCanvasProps {
  versionId: string;
  page: number;
  box: Box;
  /** Pages to render in the background once this one is on screen (the next slide). */
  ahead?: { versionId: string; page: number }[];
  onError: (error: unknown) => void;
}

/**
 * One PDF page on screen. The page is rendered offscreen (or taken from the cache of
 * rendered pages) and copied in, so a page turn to a page rendered ahead costs one
 * drawImage; `data-rendered` says which page is on the canvas, for tests and the benchmark.
 */
export function PdfCanvas({ versionId, page, box, ahead = [], onError }: PdfCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [rendered, setRendered] = useState<string | null>(null);
  const aheadKey = ahead.map((next) => `${next.versionId}:${next.page}`).join(',');

  useEffect(() => {
    let current = true;
    renderPdfPage(versionId, page, box).then(
      (source) => {
        const canvas = canvasRef.current;
        if (!current || !canvas) return;
        canvas.width = source.width;
        canvas.height = source.height;
        const ratio = window.devicePixelRatio || 1;
        canvas.style.width = `${source.width / ratio}px`;
        canvas.style.height = `${source.height / ratio}px`;
        canvas.getContext('2d')?.drawImage(source, 0, 0);
        // Set on the element at once (not at React's next commit): the page is on the canvas now.
        canvas.dataset.rendered = `${versionId}:${page}`;
        setRendered(`${versionId}:${page}`);
      },
      (error: unknown) => {
        if (current) onError(error);
      },
    );
    return () => {
      current = false;
    };
    // onError is a callback prop; a new function identity must not re-render the page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionId, page, box.width, box.height]);

  useEffect(() => {
    if (rendered === null) return;
    for (const next of aheadKey ? aheadKey.split(',') : []) {
      const [nextVersion = '', nextPage = '1'] = next.split(':');
      renderPdfPage(nextVersion, Number(nextPage), box).catch(() => undefined);
    }
  }, [rendered, aheadKey, box]);

  return <canvas ref={canvasRef} className="pdf-canvas" />;
}

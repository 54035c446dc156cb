import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryVersion } from '../../shared/content';
import { contentUrl } from '../../lib/content-url';
import { pdfThumbnail } from '../../lib/thumbnails';

interface ContentThumbnailProps {
  version: LibraryVersion;
}

const ICONS = { pdf: '▤', image: '▨', video: '▶' } as const;

/**
 * Page 1 of a PDF (rendered small, once, when the card scrolls into view), the image
 * itself, or the video's first frame. A version that cannot be shown gets no request at
 * all: the content route would refuse it anyway.
 */
export function ContentThumbnail({ version }: ContentThumbnailProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [pdfUrl, setPdfUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const showable = version.problem === null;

  useEffect(() => {
    const element = ref.current;
    if (!element || !showable) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) {
        setVisible(true);
        observer.disconnect();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [showable]);

  useEffect(() => {
    if (!visible || version.kind !== 'pdf') return;
    let current = true;
    pdfThumbnail(version.versionId).then(
      (url) => current && setPdfUrl(url),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [visible, version.kind, version.versionId]);

  const placeholder = (
    <span className="thumbnail-placeholder" aria-hidden="true">
      <span className="thumbnail-icon">{ICONS[version.kind]}</span>
      {!showable && <span className="thumbnail-lock">{t(`problem.${version.problem ?? 'missing_file'}`)}</span>}
    </span>
  );

  return (
    <div ref={ref} className={`thumbnail thumbnail-${version.kind}${showable ? '' : ' unavailable'}`}>
      {!showable || failed || !visible ? placeholder : null}
      {showable && visible && !failed && version.kind === 'pdf' && (pdfUrl ? <img src={pdfUrl} alt="" /> : placeholder)}
      {showable && visible && !failed && version.kind === 'image' && (
        <img src={contentUrl(version.versionId)} alt="" onError={() => setFailed(true)} />
      )}
      {showable && visible && !failed && version.kind === 'video' && (
        <video
          src={`${contentUrl(version.versionId)}#t=0.5`}
          muted
          preload="metadata"
          onError={() => setFailed(true)}
        />
      )}
      <span className="thumbnail-kind">{t(`contentKind.${version.kind}`)}</span>
    </div>
  );
}

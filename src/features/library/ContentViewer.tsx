import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiError, call } from '../../lib/api/client';
import { keyBelongsToFocus } from '../../lib/key-focus';
import { SlideView } from '../presenter/SlideView';

interface ContentViewerProps {
  versionId: string;
  onClose: () => void;
}

/**
 * Views one version full-window. Opening asks the core to check the file's hash in full
 * first; a refusal (expired, damaged…) is shown with its code and nothing of the file is.
 * ←/→ (and PageUp/PageDown, space) turn pages, Esc closes.
 */
export function ContentViewer({ versionId, onClose }: ContentViewerProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [page, setPage] = useState(1);
  const [failure, setFailure] = useState<unknown>(null);
  const opened = useQuery({
    queryKey: ['content', 'open', versionId],
    queryFn: () => call('content.open', { versionId }),
    staleTime: 0,
    gcTime: 0,
  });
  const version = opened.data;
  const pageCount = version?.pageCount ?? 1;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (keyBelongsToFocus(event)) return;
      const forward = ['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(event.key);
      const back = ['ArrowLeft', 'ArrowUp', 'PageUp'].includes(event.key);
      if (!forward && !back && event.key !== 'Home' && event.key !== 'End') return;
      event.preventDefault();
      setPage((current) =>
        event.key === 'Home'
          ? 1
          : event.key === 'End'
            ? pageCount
            : Math.min(pageCount, Math.max(1, current + (forward ? 1 : -1))),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pageCount]);

  // A media element reports no reason: asking the core again says why (or that it cannot be displayed).
  const onSlideError = (error: unknown) => {
    if (error instanceof ApiError) return setFailure(error);
    call('content.open', { versionId }).then(
      () => setFailure(new ApiError('CONTENT_UNRENDERABLE', String(error))),
      (refusal: unknown) => setFailure(refusal),
    );
  };
  const problem = opened.error ?? failure;

  return (
    <dialog ref={dialogRef} className="viewer" onClose={onClose} aria-label={version?.title ?? t('viewer.checking')}>
      <header className="viewer-head">
        <strong>{version ? `${version.title} · ${t('library.version', { version: version.version })}` : ''}</strong>
        {version?.kind === 'pdf' && !problem && (
          <span className="viewer-pages" data-testid="viewer-page">
            {t('viewer.page', { page, count: pageCount })}
          </span>
        )}
        <span className="viewer-hint muted small">{t('viewer.hint')}</span>
        <button type="button" className="button small" onClick={() => dialogRef.current?.close()}>
          {t('viewer.close')}
        </button>
      </header>
      <div className="viewer-stage">
        {opened.isPending && <p className="muted">{t('viewer.checking')}</p>}
        {problem !== null && problem !== undefined && (
          <div className="viewer-refused" data-testid="viewer-refused">
            <h2>{t('viewer.refused')}</h2>
            <ErrorMessage error={problem} />
          </div>
        )}
        {version && !problem && (
          <SlideView
            slide={{ versionId: version.versionId, kind: version.kind, mime: version.mime, page }}
            ahead={page < pageCount ? [{ versionId: version.versionId, page: page + 1 }] : []}
            onError={onSlideError}
          />
        )}
      </div>
      {version?.kind === 'pdf' && !problem && (
        <footer className="viewer-foot">
          <button type="button" className="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ← {t('viewer.previous')}
          </button>
          <button type="button" className="button" disabled={page >= pageCount} onClick={() => setPage(page + 1)}>
            {t('viewer.next')} →
          </button>
        </footer>
      )}
    </dialog>
  );
}

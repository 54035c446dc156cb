import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryItem } from '../../shared/content';
import { ContentStateBadge } from './ContentStateBadge';
import { ContentThumbnail } from './ContentThumbnail';
import { fileText, validityText } from './content-labels';

interface ContentCardProps {
  item: LibraryItem;
  selected: boolean;
  onSelect: () => void;
}

/** One library item: preview, title, version, file facts, validity and state. */
export function ContentCard({ item, selected, onSelect }: ContentCardProps) {
  const { t, i18n } = useTranslation();
  const version = item.shown;
  const card = useRef<HTMLButtonElement>(null);
  // Opening the detail panel narrows the grid: the chosen card stays in view.
  useEffect(() => {
    if (selected) card.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    <li className="content-card-slot">
      <button
        ref={card}
        type="button"
        className={`content-card${selected ? ' selected' : ''}${version.problem ? ' unavailable' : ''}`}
        aria-pressed={selected}
        onClick={onSelect}
        data-testid="content-card"
      >
        <ContentThumbnail version={version} />
        <span className="content-card-body">
          <span className="content-title">
            {version.title} <span className="version-tag">{t('library.version', { version: version.version })}</span>
          </span>
          <span className="content-meta">{fileText(t, version)}</span>
          <span className="content-validity">
            <ContentStateBadge version={version} />
            <span className="muted small">{validityText(t, version, i18n.language)}</span>
          </span>
        </span>
      </button>
    </li>
  );
}

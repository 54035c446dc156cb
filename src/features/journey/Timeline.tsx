import { Fragment, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Contact, Stage } from '../../shared/domain';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useTimeline } from '../../lib/api/queries';
import { useLabels } from '../../lib/use-label';
import { TouchpointCard } from './TouchpointCard';

export interface TimelineFilter {
  stageCode: string | null;
  channel: Channel | null;
  contactId: string | null;
  groupByStage: boolean;
}

interface TimelineProps {
  accountId: string;
  filter: TimelineFilter;
  stages: Stage[];
  contactsById: Map<string, Contact>;
}

/** Newest first; the next page loads when the end of the list scrolls into view. */
export function Timeline({ accountId, filter, stages, contactsById }: TimelineProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const timeline = useTimeline({
    accountId,
    ...(filter.stageCode ? { stageCodes: [filter.stageCode] } : {}),
    ...(filter.channel ? { channels: [filter.channel] } : {}),
    ...(filter.contactId ? { contactId: filter.contactId } : {}),
    limit: 50,
  });
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;
  useEffect(() => {
    const node = sentinel.current;
    if (!node) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (timeline.isError) return <ErrorMessage error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (timeline.isPending) return <p className="muted">{t('app.loading')}</p>;
  const items = timeline.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="empty-state small">{t('journey.empty')}</p>;
  const stageByCode = new Map(stages.map((stage) => [stage.code, stage]));

  return (
    <div className="timeline" data-testid="timeline">
      {items.map((touchpoint, index) => {
        const startsGroup = filter.groupByStage && items[index - 1]?.stageCode !== touchpoint.stageCode;
        const stage = stageByCode.get(touchpoint.stageCode);
        return (
          <Fragment key={touchpoint.id}>
            {startsGroup && (
              <h3 className={`timeline-group stage-${stage?.position ?? 0}`}>
                {labels.stage(stage, touchpoint.stageCode)}
              </h3>
            )}
            <TouchpointCard touchpoint={touchpoint} contactsById={contactsById} />
          </Fragment>
        );
      })}
      <div ref={sentinel} className="timeline-end">
        {hasNextPage && (
          <button type="button" className="button" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {isFetchingNextPage ? t('app.loading') : t('common.loadMore')}
          </button>
        )}
      </div>
    </div>
  );
}

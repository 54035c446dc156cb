import { useTranslation } from 'react-i18next';
import { PresentedDetails } from '../../shared/content';
import type { Contact, Touchpoint } from '../../shared/domain';
import { formatDateTime } from '../../lib/format';
import { useLabels } from '../../lib/use-label';
import { PresentedDetailsView } from '../presenter/PresentedDetailsView';

interface TouchpointCardProps {
  touchpoint: Touchpoint;
  contactsById: Map<string, Contact>;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** One touchpoint, whichever team made it: the team is a tag on the entry, never a separate list. */
export function TouchpointCard({ touchpoint, contactsById }: TouchpointCardProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const notes = text(touchpoint.details.notes);
  const nextSteps = text(touchpoint.details.nextSteps);
  const presented = touchpoint.channel === 'content_presented' ? PresentedDetails.safeParse(touchpoint.details) : null;
  const people = touchpoint.contactIds.map((id) => contactsById.get(id)?.name).filter((name) => name !== undefined);
  return (
    <article className={`touchpoint channel-${touchpoint.channel}`} data-testid="touchpoint">
      <div className="touchpoint-marker" aria-hidden="true" />
      <div className="touchpoint-body">
        <header className="touchpoint-head">
          <span className="channel-tag">{labels.channel(touchpoint.channel)}</span>
          <span className={`team-tag team-${touchpoint.team}`}>{labels.team(touchpoint.team)}</span>
          <time dateTime={new Date(touchpoint.occurredAt).toISOString()}>
            {formatDateTime(touchpoint.occurredAt, labels.language)}
          </time>
        </header>
        <p className="touchpoint-summary">{touchpoint.summary}</p>
        {(people.length > 0 || touchpoint.content.length > 0) && (
          <div className="touchpoint-refs">
            {people.map((name) => (
              <span key={name} className="person-ref">
                {name}
              </span>
            ))}
            {touchpoint.content.map((ref) => (
              <span key={ref.versionId} className="content-ref">
                {ref.title} <span className="muted">{t('journey.version', { version: ref.version })}</span>
              </span>
            ))}
          </div>
        )}
        {(notes || nextSteps) && (
          <dl className="touchpoint-details">
            {notes && (
              <>
                <dt>{t('journey.details.notes')}</dt>
                <dd>{notes}</dd>
              </>
            )}
            {nextSteps && (
              <>
                <dt>{t('journey.details.nextSteps')}</dt>
                <dd>{nextSteps}</dd>
              </>
            )}
          </dl>
        )}
        {presented?.success && <PresentedDetailsView details={presented.data} content={touchpoint.content} />}
        <footer className="touchpoint-author">{t('journey.by', { author: touchpoint.author })}</footer>
      </div>
    </article>
  );
}

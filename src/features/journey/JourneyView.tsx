import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Channel, type Contact } from '../../shared/domain';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Toast, useToast } from '../../components/Toast';
import { useAccount, useOverview, useStages } from '../../lib/api/queries';
import { useLabels } from '../../lib/use-label';
import { PresentStartDialog } from '../presenter/PresentStartDialog';
import { AddTouchpointDialog } from './AddTouchpointDialog';
import { CommitteePanel } from './CommitteePanel';
import { SeenContentPanel } from './SeenContentPanel';
import { StageStrip } from './StageStrip';
import { Timeline, type TimelineFilter } from './Timeline';

interface JourneyViewProps {
  accountId: string;
}

/** The account's one journey: header, buying-stage strip, the merged timeline, and the committee beside it. */
export function JourneyView({ accountId }: JourneyViewProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const account = useAccount(accountId);
  const overview = useOverview(accountId);
  const stages = useStages();
  const [filter, setFilter] = useState<TimelineFilter>({
    stageCode: null,
    channel: null,
    contactId: null,
    groupByStage: true,
  });
  const [adding, setAdding] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const toast = useToast();
  const contacts = account.data?.contacts;
  const contactsById = useMemo(() => new Map<string, Contact>(contacts?.map((c) => [c.id, c])), [contacts]);
  const stageCounts = useMemo(
    () => new Map(overview.data?.stageCounts.map((row) => [row.stageCode, row.count])),
    [overview.data],
  );

  if (account.isError) return <ErrorMessage error={account.error} onRetry={() => void account.refetch()} />;
  if (!account.data || !stages.data) return <p className="muted pad">{t('app.loading')}</p>;
  const { account: info } = account.data;
  const total = overview.data?.stageCounts.reduce((sum, row) => sum + row.count, 0) ?? 0;

  return (
    <div className="journey">
      <header className="journey-header">
        <div className="journey-title">
          <h1>{info.name}</h1>
          {info.nameKana && <span className="kana">{info.nameKana}</span>}
        </div>
        <div className="journey-facts">
          <span className="fact">{labels.industry(info.industry)}</span>
          <span className="fact">{labels.territory(info.territory)}</span>
          <span className="fact">{t('journey.size', { size: info.size })}</span>
          {info.domains.map((domain) => (
            <span key={domain} className="fact domain">
              {domain}
            </span>
          ))}
          <span className="fact">{t('journey.touchpoints', { count: total })}</span>
        </div>
        <div className="journey-actions">
          <Link href={`/readiness/account/${accountId}`} className="button">
            {t('readiness.visitLink')}
          </Link>
          <Link href={`/library/for/${accountId}`} className="button">
            {t('presenter.recommendedContent')}
          </Link>
          <button type="button" className="button" onClick={() => setPresenting(true)}>
            ▶ {t('presenter.fromAccount')}
          </button>
          <button type="button" className="button primary add-button" onClick={() => setAdding(true)}>
            ＋ {t('journey.addTouchpoint')}
          </button>
        </div>
      </header>

      <StageStrip
        stages={stages.data}
        currentCode={info.stageCode}
        counts={stageCounts}
        selected={filter.stageCode}
        onSelect={(stageCode) => setFilter({ ...filter, stageCode })}
      />

      <div className="journey-body">
        <section className="journey-main" aria-labelledby="timeline-title">
          <div className="timeline-toolbar">
            <h2 id="timeline-title">{t('journey.timeline')}</h2>
            <select
              aria-label={t('journey.filterChannel')}
              value={filter.channel ?? ''}
              onChange={(event) => {
                const parsed = Channel.safeParse(event.target.value);
                setFilter({ ...filter, channel: parsed.success ? parsed.data : null });
              }}
              data-testid="channel-filter"
            >
              <option value="">
                {t('journey.filterChannel')}: {t('common.all')}
              </option>
              {overview.data?.channelCounts.map(({ channel, count }) => (
                <option key={channel} value={channel}>
                  {labels.channel(channel)} ({count})
                </option>
              ))}
            </select>
            <select
              aria-label={t('journey.filterContact')}
              value={filter.contactId ?? ''}
              onChange={(event) => setFilter({ ...filter, contactId: event.target.value || null })}
              data-testid="contact-filter"
            >
              <option value="">
                {t('journey.filterContact')}: {t('common.all')}
              </option>
              {contacts?.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {contact.name}
                </option>
              ))}
            </select>
            <label className="check">
              <input
                type="checkbox"
                checked={filter.groupByStage}
                onChange={(event) => setFilter({ ...filter, groupByStage: event.target.checked })}
              />
              {t('journey.groupByStage')}
            </label>
            {filter.stageCode && (
              <button type="button" className="link-button" onClick={() => setFilter({ ...filter, stageCode: null })}>
                {t('journey.clearStage')}
              </button>
            )}
          </div>
          <p className="muted small">{t('journey.timelineHint')}</p>
          <Timeline accountId={accountId} filter={filter} stages={stages.data} contactsById={contactsById} />
        </section>

        <aside className="journey-side">
          {overview.isError && <ErrorMessage error={overview.error} onRetry={() => void overview.refetch()} />}
          {overview.data && (
            <>
              <CommitteePanel
                committee={overview.data.committee}
                selectedContactId={filter.contactId}
                onSelectContact={(contactId) => setFilter({ ...filter, contactId })}
              />
              <SeenContentPanel seen={overview.data.seen} contactsById={contactsById} />
            </>
          )}
          <section className="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">{t('journey.notes')}</h2>
            <h3>{t('journey.businessNotes')}</h3>
            <p>{info.businessNotes}</p>
            <h3>{t('journey.industryNotes')}</h3>
            <p>{info.industryNotes}</p>
          </section>
        </aside>
      </div>

      {adding && contacts && (
        <AddTouchpointDialog
          accountId={accountId}
          defaultStageCode={info.stageCode}
          stages={stages.data}
          contacts={contacts}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            toast.show(t('add.saved'));
          }}
        />
      )}
      {presenting && <PresentStartDialog source={null} accountId={accountId} onClose={() => setPresenting(false)} />}
      <Toast toast={toast} />
    </div>
  );
}

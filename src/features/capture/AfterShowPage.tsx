import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { GeneralError } from '../../components/FieldError';
import { Toast, useToast } from '../../components/Toast';
import { call } from '../../lib/api/client';
import { keys, useCaptures, useEvent } from '../../lib/api/queries';
import { downloadFile } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { useLabels } from '../../lib/use-label';
import { ExportDialog } from './ExportDialog';
import { ImportDialog } from './ImportDialog';

interface AfterShowPageProps {
  eventId: string;
}

/** After the show: every visitor with rating, consent and follow-up state, and the tools to act on them. */
export function AfterShowPage({ eventId }: AfterShowPageProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const event = useEvent(eventId);
  const captures = useCaptures(eventId);
  const toast = useToast();
  const [dialog, setDialog] = useState<'export' | 'import' | 'delete' | null>(null);
  // The rep's pick, else the app's language: the settings may arrive after the first render.
  const [pickedLanguage, setDraftLanguage] = useState<'ja' | 'en' | null>(null);
  const draftLanguage = pickedLanguage ?? (labels.language === 'ja' ? 'ja' : 'en');

  const followUps = useMutation({
    mutationFn: () => call('capture.followUps', { eventId, language: draftLanguage }),
    onSuccess: (result) => {
      toast.show(t('afterShow.drafted', result));
      void client.invalidateQueries({ queryKey: keys.captures(eventId) });
    },
  });
  const csv = useMutation({
    mutationFn: (layout: 'salesforce' | 'hubspot') => call('capture.csv', { eventId, layout }),
    onSuccess: ({ fileName, csv: text }) => downloadFile(fileName, text, 'text/csv;charset=utf-8'),
  });
  const remove = useMutation({
    mutationFn: () => call('events.delete', { id: eventId }),
    onSuccess: () => {
      navigate('/events');
    },
  });

  if (event.isError) return <ErrorMessage error={event.error} onRetry={() => void event.refetch()} />;
  if (!event.data) return <p className="muted pad">{t('app.loading')}</p>;
  const rows = captures.data ?? [];
  // Nothing to draft or export until the list has a capture (also while it is still loading).
  const nothing = rows.length === 0;
  const needsCaptures = { disabled: nothing, title: nothing ? t('afterShow.nothingYet') : undefined };

  return (
    <div className="page wide">
      <header className="page-header">
        <div>
          <Link href={`/events/${eventId}`} className="link-button">
            ← {t('afterShow.back')}
          </Link>
          <h1>{t('afterShow.title')}</h1>
          <p className="muted">
            {event.data.name} · {t('events.captured', { count: event.data.captureCount })} ·{' '}
            {event.data.unsyncedCount > 0
              ? t('events.unsynced', { count: event.data.unsyncedCount })
              : t('events.allSynced')}
          </p>
        </div>
        <button type="button" className="button danger" onClick={() => setDialog('delete')}>
          {t('afterShow.deleteEvent')}
        </button>
      </header>
      <div className="toolbar">
        <label className="check">
          {t('afterShow.draftLanguage')}
          <select value={draftLanguage} onChange={(e) => setDraftLanguage(e.target.value === 'ja' ? 'ja' : 'en')}>
            <option value="ja">{t('languageName.ja')}</option>
            <option value="en">{t('languageName.en')}</option>
          </select>
        </label>
        <button
          type="button"
          className="button primary"
          onClick={() => followUps.mutate()}
          {...needsCaptures}
          disabled={followUps.isPending || nothing}
        >
          {t('afterShow.draftFollowUps')}
        </button>
        <button type="button" className="button" onClick={() => csv.mutate('salesforce')} {...needsCaptures}>
          {t('afterShow.csvSalesforce')}
        </button>
        <button type="button" className="button" onClick={() => csv.mutate('hubspot')} {...needsCaptures}>
          {t('afterShow.csvHubspot')}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => setDialog('export')} {...needsCaptures}>
          {t('afterShow.encryptedExport')}
        </button>
        <button type="button" className="button" onClick={() => setDialog('import')}>
          {t('afterShow.importExport')}
        </button>
      </div>
      <GeneralError error={followUps.error ?? csv.error} />
      {captures.isError && <ErrorMessage error={captures.error} />}
      {rows.length === 0 ? (
        <p className="empty-state small">{t('afterShow.empty')}</p>
      ) : (
        <table className="data-table" data-testid="captures-table">
          <thead>
            <tr>
              <th>{t('afterShow.time')}</th>
              <th>{t('afterShow.visitor')}</th>
              <th>{t('afterShow.company')}</th>
              <th>{t('afterShow.rating')}</th>
              <th>{t('afterShow.consent')}</th>
              <th>{t('afterShow.followUp')}</th>
              <th>{t('afterShow.synced')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((capture) => (
              <tr key={capture.id}>
                <td className="nowrap">{formatDateTime(capture.createdAt, labels.language)}</td>
                <td>
                  <Link href={`/accounts/${capture.accountId}`}>{capture.contactName}</Link>
                  {capture.matchedContact && <span className="badge info">{t('afterShow.matched')}</span>}
                  <div className="muted small">{capture.title || capture.emails[0]}</div>
                </td>
                <td>{capture.accountName}</td>
                <td>
                  {capture.rating ? (
                    <span className={`rating-dot rating-${capture.rating}`}>
                      {t(`capture.ratings.${capture.rating}`)}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{capture.consent ? t('afterShow.yes') : t('afterShow.no')}</td>
                <td>
                  {capture.followUp === 'none' ? '—' : t(`capture.followUpKind.${capture.followUp}`)}
                  {capture.followUp !== 'none' && (
                    <div
                      className={capture.followUpStatus === 'blocked_no_consent' ? 'warning-text small' : 'muted small'}
                    >
                      {t(`afterShow.status.${capture.followUpStatus}`)}
                    </div>
                  )}
                </td>
                <td>
                  {capture.synced ? (
                    <span className="badge ok">{t('afterShow.onHub')}</span>
                  ) : (
                    <span className="badge warning">{t('afterShow.onlyHere')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog === 'export' && (
        <ExportDialog
          eventId={eventId}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            toast.show(message);
          }}
        />
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={t('afterShow.deleteTitle', { name: event.data.name })}
          body={t('afterShow.deleteConfirm')}
          confirmLabel={t('afterShow.deleteEvent')}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => {
            setDialog(null);
            remove.reset();
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            toast.show(message);
          }}
        />
      )}
      <Toast toast={toast} />
    </div>
  );
}

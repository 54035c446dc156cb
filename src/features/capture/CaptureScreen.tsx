import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { CaptureFields, type EventDetail, type MatchCandidate, type ScanResult } from '../../shared/capture';
import { ErrorMessage } from '../../components/ErrorMessage';
import { GeneralError } from '../../components/FieldError';
import { ApiError, call } from '../../lib/api/client';
import { keys, useCaptures, useEvent, usePresentableContent } from '../../lib/api/queries';
import { formatDateTime } from '../../lib/format';
import { useLabels } from '../../lib/use-label';
import { CaptureForm } from './CaptureForm';
import {
  applyScan,
  changesField,
  EMPTY_FORM,
  fromFields,
  isBlank,
  matchKey,
  toFields,
  withChosenMatch,
  withMatch,
  type CaptureFormState,
} from './capture-form';
import { MatchPanel } from './MatchPanel';
import { ScanBox } from './ScanBox';

interface CaptureScreenProps {
  eventId: string;
}

const DRAFT_PAUSE_MS = 400;
const MATCH_PAUSE_MS = 120;

interface Notice {
  text: string;
  undo?: CaptureFormState;
}

/** Event mode for one event: stays open for the whole shift. */
export function CaptureScreen({ eventId }: CaptureScreenProps) {
  const { t } = useTranslation();
  const event = useEvent(eventId);
  if (event.isError) return <ErrorMessage error={event.error} onRetry={() => void event.refetch()} />;
  if (!event.data) return <p className="muted pad">{t('app.loading')}</p>;
  return <Shift event={event.data} />;
}

interface ShiftProps {
  event: EventDetail;
}

function Shift({ event }: ShiftProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const client = useQueryClient();
  const captures = useCaptures(event.id);
  const content = usePresentableContent();
  const [form, setForm] = useState<CaptureFormState>(EMPTY_FORM);
  const [candidates, setCandidates] = useState<MatchCandidate[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [restored, setRestored] = useState(false);
  /** Keys the scan box, so the next visitor starts with an empty one (no text, no result panel). */
  const [scanRound, setScanRound] = useState(0);
  /**
   * Counts visitors: a save or "next visitor" moves on at once, before React renders the
   * cleared form, so a matcher answer that lands in between can tell it is for the
   * previous visitor.
   */
  const visitor = useRef(0);
  /**
   * The id the visitor on screen is saved under. Saving again after an unclear failure
   * (the core restarted after committing) finds that capture instead of writing it twice.
   */
  const captureId = useRef(crypto.randomUUID());
  const nextVisitorOnScreen = () => {
    visitor.current += 1;
    captureId.current = crypto.randomUUID();
    setScanRound((round) => round + 1);
  };
  const firstField = useRef<HTMLInputElement>(null);

  // A half-typed visitor from before a crash or restart comes back first.
  useEffect(() => {
    // Drafting starts once the old draft was read, or could not be: a failed read must not stop
    // the drafts of the whole shift.
    void call('capture.draft.get', { eventId: event.id }).then(
      (draft) => {
        if (draft) {
          setForm(fromFields(draft.fields));
          setNotice({ text: t('capture.draftRestored', { time: formatDateTime(draft.savedAt, labels.language) }) });
        }
        setRestored(true);
      },
      () => setRestored(true),
    );
    // Only once per event: later changes to the language must not re-read the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [event.id]);

  useEffect(() => {
    if (!notice) return;
    // Clears only this notice: a save that lands as the timer fires shows its own notice
    // even if the timer runs before this effect's cleanup.
    const timer = setTimeout(
      () => setNotice((current) => (current === notice ? null : current)),
      notice.undo ? 10_000 : 5_000,
    );
    return () => clearTimeout(timer);
  }, [notice]);

  const identity = matchKey(form);
  useEffect(() => {
    // An answer for an older form (the rep typed on, or the visitor was just saved) must not overwrite a newer one.
    let current = true;
    const askedVisitor = visitor.current;
    const timer = setTimeout(() => {
      const parsed = CaptureFields.partial().safeParse(toFields(form));
      if (!parsed.success) return;
      void call('capture.match', { fields: parsed.data }).then(
        (found) => {
          if (!current || visitor.current !== askedVisitor) return;
          setCandidates(found);
          setForm((latest) => withMatch(latest, identity, found));
        },
        () => current && setCandidates([]),
      );
    }, MATCH_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The matcher only cares about identifying fields; `identity` captures exactly those.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity]);

  const save = useMutation({
    mutationFn: () =>
      call('capture.save', {
        eventId: event.id,
        fields: toFields(form),
        language: labels.language === 'ja' ? 'ja' : 'en',
        captureId: captureId.current,
      }),
    onSuccess: (saved) => {
      nextVisitorOnScreen();
      setForm(EMPTY_FORM);
      setCandidates([]);
      setNotice({ text: t('capture.saved', { name: saved.contactName }) });
      void client.invalidateQueries({ queryKey: keys.captures(event.id) });
      void client.invalidateQueries({ queryKey: keys.events });
      firstField.current?.focus();
    },
  });

  // Every pause in typing commits the draft, so a crash loses at most the last keystrokes. Not
  // while the visitor is being saved: the save clears the draft, and a draft written after it
  // would bring the saved visitor back after a crash, to be saved twice.
  useEffect(() => {
    if (!restored || save.isPending) return;
    const timer = setTimeout(() => {
      if (isBlank(form)) void call('capture.draft.discard', { eventId: event.id });
      else void call('capture.draft.save', { eventId: event.id, fields: toFields(form) });
    }, DRAFT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [form, restored, event.id, save.isPending]);

  // Like the disabled Save button: a second Ctrl+Enter while the first save runs would save the visitor twice.
  const saveOnce = () => {
    if (!save.isPending) save.mutate();
  };

  const nextVisitor = () => {
    if (isBlank(form)) return;
    nextVisitorOnScreen();
    setNotice({ text: t('capture.cleared'), undo: form });
    setForm(EMPTY_FORM);
    setCandidates([]);
    save.reset();
    firstField.current?.focus();
  };

  /** The rep (or a scan) changing the field the last save was refused for clears that refusal. */
  const refusedField = save.error instanceof ApiError ? save.error.field : undefined;
  const edit = (next: CaptureFormState) => {
    if (changesField(refusedField, form, next)) save.reset();
    setForm(next);
  };
  const onScanned = (scan: ScanResult) => {
    if (changesField(refusedField, form, applyScan(form, scan))) save.reset();
    setForm((current) => applyScan(current, scan));
  };

  const chooseMatch = (match: CaptureFormState['match']) => setForm((latest) => withChosenMatch(latest, match));

  const onKeyDown = (e: KeyboardEvent) => {
    const key = e.key.toLowerCase();
    if ((e.altKey || e.ctrlKey || e.metaKey) && key === 'n') {
      e.preventDefault();
      nextVisitor();
    } else if (e.altKey && /^[1-5]$/.test(e.key)) {
      const candidate = candidates[Number(e.key) - 1];
      if (candidate) {
        e.preventDefault();
        chooseMatch({ contactId: candidate.contactId, accountId: candidate.accountId });
      }
    } else if (key === 'enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      saveOnce();
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    saveOnce();
  };

  // What the banner names: the attached contact, or the account a new contact is added to.
  const attachedContact = form.match.contactId
    ? candidates.find((c) => c.contactId === form.match.contactId)
    : undefined;
  const attachedAccount = form.match.accountId
    ? candidates.find((c) => c.accountId === form.match.accountId)
    : undefined;
  return (
    <div className="capture-screen" onKeyDown={onKeyDown}>
      <header className="capture-header">
        <div>
          <span className="eyebrow">{t('capture.eventMode')}</span>
          <h1>{event.name}</h1>
          <span className="muted">
            {event.venue}
            {event.booth && ` · ${t('events.booth', { booth: event.booth })}`}
          </span>
        </div>
        <div className="capture-counters">
          <span className="counter-pill">{t('capture.capturedCount', { count: event.captureCount })}</span>
          <span
            className={event.unsyncedCount > 0 ? 'counter-pill warning' : 'counter-pill ok'}
            data-testid="unsynced-count"
            role="status"
          >
            {event.unsyncedCount > 0 ? t('capture.unsynced', { count: event.unsyncedCount }) : t('capture.allSynced')}
          </span>
          <Link href={`/events/${event.id}/captures`} className="button">
            {t('events.openCaptures')}
          </Link>
        </div>
      </header>
      <div className="capture-body">
        <form className="panel capture-main" onSubmit={onSubmit} noValidate aria-label={t('capture.save')}>
          {attachedAccount && (
            <div className="attached-banner" data-testid="attached">
              {attachedContact?.contactName
                ? t('capture.match.attached', {
                    name: t('capture.match.contactAt', {
                      name: attachedContact.contactName,
                      account: attachedContact.accountName,
                    }),
                  })
                : t('capture.match.attachedAccount', { name: attachedAccount.accountName })}
              <button
                type="button"
                className="link-button"
                onClick={() => chooseMatch({ contactId: null, accountId: null })}
              >
                {t('capture.match.createNew')}
              </button>
            </div>
          )}
          <CaptureForm
            form={form}
            onChange={edit}
            event={event}
            content={content.data ?? []}
            error={save.error}
            firstField={firstField}
          />
          <GeneralError error={save.error} />
          <div className="capture-actions">
            <span className="muted small">{t('capture.saveHint')}</span>
            <button type="button" className="button" onClick={nextVisitor}>
              {t('capture.next')}
            </button>
            <button type="submit" className="button primary big" disabled={save.isPending}>
              {save.isPending ? t('common.saving') : t('capture.save')}
            </button>
          </div>
        </form>
        <aside className="capture-side">
          <ScanBox key={scanRound} onScanned={onScanned} />
          <MatchPanel candidates={candidates} chosen={form.match} onChoose={chooseMatch} />
          <section className="panel" aria-labelledby="recent-title">
            <h2 id="recent-title">{t('capture.recent')}</h2>
            {captures.data?.length === 0 && (
              <p className="muted small" data-testid="recent-empty">
                {t('capture.recentEmpty')}
              </p>
            )}
            <ul className="recent-captures" data-testid="recent-captures">
              {captures.data?.slice(0, 5).map((capture) => (
                <li key={capture.id}>
                  <span className="recent-name">{capture.contactName}</span>
                  <span className="muted"> · {capture.accountName}</span>
                  {capture.rating && (
                    <span className={`rating-dot rating-${capture.rating}`}>
                      {t(`capture.ratings.${capture.rating}`)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
      <div className="toast-region" role="status" aria-live="polite">
        {notice && (
          <div className="toast" data-testid="capture-notice">
            {notice.text}
            {notice.undo && (
              <button
                type="button"
                className="link-button light"
                onClick={() => {
                  if (!notice.undo) return;
                  nextVisitorOnScreen();
                  setForm(notice.undo);
                  setNotice(null);
                }}
              >
                {t('capture.undo')}
              </button>
            )}
            <button
              type="button"
              className="link-button light"
              aria-label={t('common.close')}
              onClick={() => setNotice(null)}
            >
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, MANUAL_CHANNELS, type Contact, type Stage } from '../../shared/domain';
import { FieldError, GeneralError } from '../../components/FieldError';
import { ModalDialog } from '../../components/ModalDialog';
import { ApiError } from '../../lib/api/client';
import { useAddTouchpoint } from '../../lib/api/queries';
import { toLocalInputValue } from '../../lib/format';
import { useLabels } from '../../lib/use-label';

interface AddTouchpointDialogProps {
  accountId: string;
  defaultStageCode: string;
  stages: Stage[];
  contacts: Contact[];
  onClose: () => void;
  onSaved: () => void;
}

type ManualChannel = (typeof MANUAL_CHANNELS)[number];

interface CounterProps {
  value: string;
  max: number;
}

function Counter({ value, max }: CounterProps) {
  const { t } = useTranslation();
  return (
    <span className={value.length > max ? 'counter over' : 'counter'}>
      {t('add.counter', { count: value.length, max })}
    </span>
  );
}

/**
 * Logs a meeting, call or e-mail from the journey, offline. The dialog closes only once
 * the core has committed the touchpoint; a refused field is marked where it is.
 */
export function AddTouchpointDialog({
  accountId,
  defaultStageCode,
  stages,
  contacts,
  onClose,
  onSaved,
}: AddTouchpointDialogProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const formId = useId();
  const add = useAddTouchpoint();
  const [channel, setChannel] = useState<ManualChannel>('meeting');
  const [stageCode, setStageCode] = useState(defaultStageCode);
  const [occurredAt, setOccurredAt] = useState(() => toLocalInputValue(Date.now()));
  // Untouched, "when" means now, to the millisecond; the field itself only shows minutes.
  const [whenEdited, setWhenEdited] = useState(false);
  const [summary, setSummary] = useState('');
  const [notes, setNotes] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [contactIds, setContactIds] = useState<string[]>([]);

  const submit = () => {
    if (add.isPending) return;
    add.mutate(
      {
        accountId,
        channel,
        stageCode,
        // An edited "when" is sent as typed: a cleared field is refused next to it, never taken for now.
        ...(whenEdited ? { occurredAt: Date.parse(occurredAt) } : {}),
        summary,
        notes,
        nextSteps,
        contactIds,
      },
      { onSuccess: onSaved },
    );
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  const failure = add.error;
  const isInvalid = (field: string) => failure instanceof ApiError && failure.field?.split('.')[0] === field;

  return (
    <ModalDialog labelledBy={`${formId}-title`} onClose={onClose} onKeyDown={onKeyDown}>
      <form id={formId} onSubmit={onSubmit} className="dialog-form" noValidate>
        <h2 id={`${formId}-title`}>{t('add.title')}</h2>
        <fieldset className="field">
          <legend className="field-label">{t('add.channel')}</legend>
          <div className="segmented">
            {MANUAL_CHANNELS.map((option) => (
              <label key={option} className={channel === option ? 'segment checked' : 'segment'}>
                <input
                  type="radio"
                  name="channel"
                  value={option}
                  checked={channel === option}
                  onChange={() => setChannel(option)}
                />
                {labels.channel(option)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field-row">
          <label className="field">
            <span className="field-label">{t('add.stage')}</span>
            <select value={stageCode} onChange={(event) => setStageCode(event.target.value)} name="stage">
              {stages.map((stage) => (
                <option key={stage.code} value={stage.code}>
                  {labels.stage(stage, stage.code)}
                </option>
              ))}
            </select>
            <FieldError error={failure} field="stageCode" />
          </label>
          <label className="field">
            <span className="field-label">{t('add.occurredAt')}</span>
            <input
              type="datetime-local"
              value={occurredAt}
              onChange={(event) => {
                setOccurredAt(event.target.value);
                setWhenEdited(true);
              }}
            />
            <FieldError error={failure} field="occurredAt" />
          </label>
        </div>
        <label className="field">
          <span className="field-label">
            {t('add.summary')} <Counter value={summary} max={LIMITS.summary} />
          </span>
          <input
            name="summary"
            value={summary}
            placeholder={t('add.summaryPlaceholder')}
            onChange={(event) => setSummary(event.target.value)}
            aria-invalid={isInvalid('summary')}
            autoFocus
          />
          <FieldError error={failure} field="summary" />
        </label>
        <label className="field">
          <span className="field-label">
            {t('add.notes')} <Counter value={notes} max={LIMITS.details} />
          </span>
          <textarea
            name="notes"
            rows={4}
            value={notes}
            onChange={(event) => setNotes(event.target.value)}
            aria-invalid={isInvalid('notes')}
          />
          <FieldError error={failure} field="notes" />
        </label>
        <label className="field">
          <span className="field-label">
            {t('add.nextSteps')} <Counter value={nextSteps} max={LIMITS.details} />
          </span>
          <textarea
            name="nextSteps"
            rows={2}
            value={nextSteps}
            onChange={(event) => setNextSteps(event.target.value)}
          />
          <FieldError error={failure} field="nextSteps" />
        </label>
        <fieldset className="field">
          <legend className="field-label">{t('add.contacts')}</legend>
          <div className="contact-checks">
            {contacts.map((contact) => (
              <label key={contact.id} className="check">
                <input
                  type="checkbox"
                  checked={contactIds.includes(contact.id)}
                  onChange={(event) =>
                    setContactIds((current) =>
                      event.target.checked ? [...current, contact.id] : current.filter((id) => id !== contact.id),
                    )
                  }
                />
                {contact.name} <span className="muted">{labels.role(contact.role)}</span>
              </label>
            ))}
          </div>
          <FieldError error={failure} field="contactIds" />
        </fieldset>
        <GeneralError error={failure} />
        <div className="dialog-actions">
          <span className="muted hint">{t('add.saveHint')}</span>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={add.isPending}>
            {add.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

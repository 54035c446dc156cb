import { useTranslation } from 'react-i18next';
import { useAccount, useCaptures } from '../../lib/api/queries';
import { useLabels } from '../../lib/use-label';

interface AttendeePickerProps {
  source: { accountId: string } | { eventId: string };
  selected: string[];
  onChange: (contactIds: string[]) => void;
}

/** Checkboxes: the account's buying committee with roles, or the visitors captured at an event. */
export function AttendeePicker({ source, selected, onChange }: AttendeePickerProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const account = useAccount('accountId' in source ? source.accountId : '');
  const captures = useCaptures('eventId' in source ? source.eventId : '');
  const people =
    'accountId' in source
      ? (account.data?.contacts ?? []).map((contact) => ({
          id: contact.id,
          name: contact.name,
          detail: [labels.role(contact.role), contact.title].filter(Boolean).join(' · '),
        }))
      : [...new Map((captures.data ?? []).map((capture) => [capture.contactId, capture])).values()].map((capture) => ({
          id: capture.contactId,
          name: capture.contactName,
          detail: capture.accountName,
        }));
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((candidate) => candidate !== id));
  if ('eventId' in source && captures.data?.length === 0) return <p className="muted">{t('presenter.noVisitors')}</p>;
  return (
    <fieldset className="field attendee-picker">
      <legend className="field-label">{t('presenter.attendees')}</legend>
      <span className="field-hint">{t('presenter.attendeesHint')}</span>
      <div className="attendee-list" data-testid="attendees">
        {people.map((person) => (
          <label key={person.id} className="check attendee">
            <input
              type="checkbox"
              checked={selected.includes(person.id)}
              onChange={(event) => toggle(person.id, event.target.checked)}
            />
            <span className="attendee-name">{person.name}</span>
            <span className="muted small">{person.detail}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

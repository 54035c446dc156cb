import { useTranslation } from 'react-i18next';
import type { CommitteeMember } from '../../shared/domain';
import { formatDate } from '../../lib/format';
import { useLabels } from '../../lib/use-label';

interface CommitteePanelProps {
  committee: CommitteeMember[];
  selectedContactId: string | null;
  onSelectContact: (contactId: string | null) => void;
}

const ROLE_ORDER = ['decision_maker', 'champion', 'influencer', 'evaluator', 'procurement', 'user', 'blocker'];

/** The buying committee by role, marking who nobody on the team has engaged in 90 days. */
export function CommitteePanel({ committee, selectedContactId, onSelectContact }: CommitteePanelProps) {
  const { t } = useTranslation();
  const labels = useLabels();
  const engaged = committee.filter((member) => member.engaged).length;
  const sorted = [...committee].sort(
    (a, b) =>
      ((ROLE_ORDER.indexOf(a.contact.role ?? '') + 100) % 100) -
      ((ROLE_ORDER.indexOf(b.contact.role ?? '') + 100) % 100),
  );
  return (
    <section className="panel" aria-labelledby="committee-title">
      <h2 id="committee-title">{t('journey.committee')}</h2>
      <p className="panel-sub">{t('journey.coverage', { engaged, total: committee.length })}</p>
      <ul className="committee-list">
        {sorted.map(({ contact, engaged: isEngaged, lastEngagedAt }) => {
          const selected = selectedContactId === contact.id;
          return (
            <li key={contact.id}>
              <button
                type="button"
                className={`committee-member${selected ? ' selected' : ''}`}
                aria-pressed={selected}
                onClick={() => onSelectContact(selected ? null : contact.id)}
              >
                <span className={`coverage-dot ${isEngaged ? 'engaged' : 'cold'}`} aria-hidden="true" />
                <span className="member-main">
                  <span className="member-name">{contact.name}</span>
                  <span className="member-title">{contact.title ?? ''}</span>
                </span>
                <span className="member-side">
                  <span className={`role-tag role-${contact.role ?? 'none'}`}>{labels.role(contact.role)}</span>
                  <span className={isEngaged ? 'member-engaged' : 'member-cold'}>
                    {lastEngagedAt === null
                      ? t('journey.neverEngaged')
                      : isEngaged
                        ? t('journey.lastEngaged', { date: formatDate(lastEngagedAt, labels.language) })
                        : t('journey.notEngaged')}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

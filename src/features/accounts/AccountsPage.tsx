import { useTranslation } from 'react-i18next';
import { JourneyView } from '../journey/JourneyView';
import { AccountListPane } from './AccountListPane';

interface AccountsPageProps {
  accountId: string | undefined;
}

/** Master–detail: the searchable account list beside the open account's journey. */
export function AccountsPage({ accountId }: AccountsPageProps) {
  const { t } = useTranslation();
  return (
    <div className="accounts-page">
      <AccountListPane selectedId={accountId} />
      <section className="detail-pane" aria-live="polite">
        {accountId ? (
          <JourneyView key={accountId} accountId={accountId} />
        ) : (
          <div className="empty-state">
            <p>{t('accounts.selectPrompt')}</p>
            <p className="muted">{t('accounts.keyboardHint')}</p>
          </div>
        )}
      </section>
    </div>
  );
}

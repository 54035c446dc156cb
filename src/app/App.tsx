import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { applyLanguage, resolveLanguage } from '../i18n';
import { invalidateOnDataChanged, useAppStatus, useSettings } from '../lib/api/queries';
import { RecoveryScreen } from '../features/recovery/RecoveryScreen';
import { ErrorMessage } from '../components/ErrorMessage';
import { Shell } from './Shell';

/** Keeps the UI language on the setting (or the OS locale when the setting is "system"). */
function useLanguageFromSettings(enabled: boolean): void {
  const settings = useSettings();
  const language = enabled ? settings.data?.language : undefined;
  useEffect(() => {
    if (language) applyLanguage(resolveLanguage(language));
  }, [language]);
}

export function App() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useAppStatus();
  const ready = status.data?.state === 'ready';
  useLanguageFromSettings(ready);
  useEffect(() => invalidateOnDataChanged(client), [client]);

  if (status.isPending) return <div className="splash">{t('app.loading')}</div>;
  if (status.isError) {
    return (
      <div className="splash">
        <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />
      </div>
    );
  }
  if (status.data.state === 'recovery') return <RecoveryScreen status={status.data} />;
  return <Shell />;
}

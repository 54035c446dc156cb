import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { call } from '../../lib/api/client';
import { ErrorMessage } from '../../components/ErrorMessage';

interface RecoveryScreenProps {
  status: Extract<AppStatus, { state: 'recovery' }>;
}

/** Shown instead of a blank window when the database cannot be opened. Nothing is deleted from here. */
export function RecoveryScreen({ status }: RecoveryScreenProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const recover = useMutation({
    mutationFn: () => call('app.recover', { action: 'start_fresh' }),
    onSuccess: () => client.invalidateQueries(),
  });
  return (
    <div className="recovery">
      <div className="recovery-card" role="alertdialog" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('recovery.title')}</h1>
        <p>{t(`errors.${status.error.code}`)}</p>
        <p>{t('recovery.body')}</p>
        <dl className="recovery-facts">
          <dt>{t('recovery.file')}</dt>
          <dd>
            <code>{status.databasePath}</code>
          </dd>
          <dt>{t('errors.code', { code: status.error.code })}</dt>
          <dd>
            <code>{status.error.message}</code>
          </dd>
        </dl>
        {recover.isError && <ErrorMessage error={recover.error} />}
        {recover.isSuccess && <p>{t('recovery.movedTo', { path: recover.data.movedTo })}</p>}
        <div className="recovery-actions">
          <button
            type="button"
            className="button primary"
            disabled={recover.isPending}
            onClick={() => recover.mutate()}
          >
            {t('recovery.startFresh')}
          </button>
          <button type="button" className="button" onClick={() => window.close()}>
            {t('recovery.quit')}
          </button>
        </div>
      </div>
    </div>
  );
}

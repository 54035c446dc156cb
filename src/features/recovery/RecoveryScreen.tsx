import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../shared/contract';
import { canStartFresh } from '../../shared/errors';
import { call } from '../../lib/api/client';
import { ErrorMessage } from '../../components/ErrorMessage';

interface RecoveryScreenProps {
  status: Extract<AppStatus, { state: 'recovery' }>;
}

/**
 * Shown instead of a blank window when the database cannot be opened. Nothing is deleted
 * from here. "Start fresh" (the file is kept aside) is offered only for a file that cannot
 * be read at all; a database written by a newer app, or one a migration failed on, is
 * intact and may hold unsynced work, so the rep is told to update or retry instead.
 */
export function RecoveryScreen({ status }: RecoveryScreenProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const recover = useMutation({
    mutationFn: () => call('app.recover', { action: 'start_fresh' }),
    onSuccess: () => client.invalidateQueries(),
  });
  const { code } = status.error;
  const startFresh = canStartFresh(code);
  const tooNew = code === 'DB_TOO_NEW';
  return (
    <div className="recovery">
      <div className="recovery-card" role="alertdialog" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t(tooNew ? 'recovery.tooNewTitle' : 'recovery.title')}</h1>
        <p>{t(`errors.${code}`)}</p>
        <p>{t(tooNew ? 'recovery.tooNewBody' : startFresh ? 'recovery.body' : 'recovery.keptBody')}</p>
        <dl className="recovery-facts">
          <dt>{t('recovery.file')}</dt>
          <dd>
            <code>{status.databasePath}</code>
          </dd>
          <dt>{t('errors.code', { code })}</dt>
          <dd>
            <code>{status.error.message}</code>
          </dd>
        </dl>
        {recover.isError && <ErrorMessage error={recover.error} />}
        {recover.isSuccess && <p>{t('recovery.movedTo', { path: recover.data.movedTo })}</p>}
        <div className="recovery-actions">
          {startFresh && (
            <button
              type="button"
              className="button primary"
              disabled={recover.isPending}
              onClick={() => recover.mutate()}
            >
              {t('recovery.startFresh')}
            </button>
          )}
          <button type="button" className={startFresh ? 'button' : 'button primary'} onClick={() => window.close()}>
            {t('recovery.quit')}
          </button>
        </div>
      </div>
    </div>
  );
}

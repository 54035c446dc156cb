import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, GeneralError } from '../../components/FieldError';
import { ModalDialog } from '../../components/ModalDialog';
import { call } from '../../lib/api/client';
import { base64ToBytes, downloadFile } from '../../lib/download';

interface ExportDialogProps {
  eventId: string;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Writes the password-protected export (kept on this device, and offered as a download to carry elsewhere). */
export function ExportDialog({ eventId, onClose, onDone }: ExportDialogProps) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const write = useMutation({
    mutationFn: () => call('capture.export', { eventId, password }),
    onSuccess: (result) => {
      downloadFile(result.fileName, base64ToBytes(result.dataBase64), 'application/octet-stream');
      onDone(t('exportDialog.done', { count: result.captureCount, file: result.file }));
    },
  });
  const mismatch = confirm !== '' && confirm !== password;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!mismatch) write.mutate();
  };
  return (
    <ModalDialog labelledBy="export-title" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <h2 id="export-title">{t('exportDialog.title')}</h2>
        <p className="muted">{t('exportDialog.body')}</p>
        <label className="field">
          <span className="field-label">{t('exportDialog.password')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
          <FieldError error={write.error} field="password" />
        </label>
        <label className="field">
          <span className="field-label">{t('exportDialog.confirm')}</span>
          <input
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
          {mismatch && <span className="field-error">{t('exportDialog.mismatch')}</span>}
        </label>
        <GeneralError error={write.error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={write.isPending || mismatch || confirm === ''}>
            {t('exportDialog.export')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, GeneralError } from '../../components/FieldError';
import { ModalDialog } from '../../components/ModalDialog';
import { call } from '../../lib/api/client';
import { fileToBase64 } from '../../lib/download';

interface ImportDialogProps {
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Brings in another device's encrypted export; ids are kept, so nothing is ever duplicated. */
export function ImportDialog({ onClose, onDone }: ImportDialogProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const read = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('no file');
      return call('capture.import', { dataBase64: await fileToBase64(file), password });
    },
    onSuccess: (result) => onDone(t('importDialog.done', result)),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    read.mutate();
  };
  return (
    <ModalDialog labelledBy="import-title" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <h2 id="import-title">{t('importDialog.title')}</h2>
        <label className="field">
          <span className="field-label">{t('importDialog.file')}</span>
          <input
            type="file"
            accept=".otcx,application/octet-stream"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
          <FieldError error={read.error} field="file" />
        </label>
        <label className="field">
          <span className="field-label">{t('importDialog.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FieldError error={read.error} field="password" />
        </label>
        <GeneralError error={read.error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={read.isPending || !file || password === ''}>
            {t('importDialog.import')}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

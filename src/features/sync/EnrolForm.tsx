import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, GeneralError } from '../../components/FieldError';
import { call } from '../../lib/api/client';
import { useSettings } from '../../lib/api/queries';
import { setSyncStatus } from '../../lib/api/sync-status-cache';

interface EnrolFormProps {
  suggestedHubUrl: string | null;
}

/** Hub address + one-time code: the token comes back to the core only, never to this screen. */
export function EnrolForm({ suggestedHubUrl }: EnrolFormProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [hubUrl, setHubUrl] = useState(suggestedHubUrl ?? '');
  const [code, setCode] = useState('');
  const settings = useSettings();
  // The hub lists devices by this name: the rep's, once Settings knows it, and in their language.
  const [typedName, setDeviceName] = useState<string | null>(null);
  const repName = settings.data?.repName ?? '';
  const deviceName = typedName ?? (repName ? t('sync.repDeviceName', { name: repName }) : t('sync.defaultDeviceName'));
  const enrol = useMutation({
    mutationFn: () => call('sync.enrol', { hubUrl, code, deviceName }),
    onSuccess: (status) => setSyncStatus(client, status),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    enrol.mutate();
  };
  return (
    <form className="card enrol-form" onSubmit={onSubmit} noValidate>
      <h2>{t('sync.enrolTitle')}</h2>
      <p className="muted">{t('sync.enrolBody')}</p>
      <label className="field">
        <span className="field-label">{t('sync.hubUrl')}</span>
        <input
          type="url"
          value={hubUrl}
          placeholder="https://hub.example.com"
          onChange={(e) => setHubUrl(e.target.value)}
          autoFocus
        />
        <FieldError error={enrol.error} field="hubUrl" />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{t('sync.code')}</span>
          <input
            value={code}
            placeholder="XXXX-XXXX-XXXX"
            autoComplete="off"
            onChange={(e) => setCode(e.target.value)}
          />
          <FieldError error={enrol.error} field="code" />
        </label>
        <label className="field">
          <span className="field-label">{t('sync.deviceName')}</span>
          <input value={deviceName} maxLength={100} onChange={(e) => setDeviceName(e.target.value)} />
        </label>
      </div>
      <GeneralError error={enrol.error} />
      <div>
        <button type="submit" className="button primary" disabled={enrol.isPending || hubUrl === '' || code === ''}>
          {enrol.isPending ? t('common.saving') : t('sync.enrol')}
        </button>
      </div>
    </form>
  );
}

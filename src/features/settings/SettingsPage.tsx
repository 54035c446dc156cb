import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Language, type Settings } from '../../shared/contract';
import { TEAMS } from '../../shared/domain';
import { systemLanguage } from '../../i18n';
import { useAppStatus, useSettings, useUpdateSettings } from '../../lib/api/queries';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Toast, useToast } from '../../components/Toast';

interface SettingsFormProps {
  settings: Settings;
}

function SettingsForm({ settings }: SettingsFormProps) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const [repName, setRepName] = useState(settings.repName);
  const toast = useToast();
  const save = (patch: Partial<Settings>) => update.mutate(patch, { onSuccess: () => toast.show(t('settings.saved')) });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save({ repName });
  };
  return (
    <form className="settings-form" onSubmit={onSubmit}>
      <label className="field">
        <span className="field-label">{t('settings.language')}</span>
        <select
          value={settings.language}
          onChange={(event) => save({ language: Language.parse(event.target.value) })}
          data-testid="language-select"
        >
          <option value="system">
            {t('settings.languageSystem', { language: t(`languageName.${systemLanguage()}`) })}
          </option>
          <option value="ja">{t('languageName.ja')}</option>
          <option value="en">{t('languageName.en')}</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('settings.repName')}</span>
        <input
          value={repName}
          maxLength={100}
          onChange={(event) => setRepName(event.target.value)}
          onBlur={() => save({ repName })}
        />
        <span className="field-hint">{t('settings.repNameHint')}</span>
      </label>
      <label className="field">
        <span className="field-label">{t('settings.team')}</span>
        <select
          value={settings.team}
          onChange={(event) => {
            const team = TEAMS.find((candidate) => candidate === event.target.value);
            if (team) save({ team });
          }}
        >
          {TEAMS.map((team) => (
            <option key={team} value={team}>
              {t(`team.${team}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('settings.contentBudget')}</span>
        <input
          type="number"
          min={100}
          step={100}
          defaultValue={settings.contentBudgetMb}
          onBlur={(event) => {
            const value = Math.round(Number(event.target.value));
            if (Number.isFinite(value) && value !== settings.contentBudgetMb) save({ contentBudgetMb: value });
          }}
        />
        <span className="field-hint">{t('settings.contentBudgetHint')}</span>
      </label>
      {update.isError && <ErrorMessage error={update.error} />}
      <Toast toast={toast} />
    </form>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const status = useAppStatus();
  return (
    <div className="page settings-page">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <section className="card">
        {settings.isError && <ErrorMessage error={settings.error} onRetry={() => void settings.refetch()} />}
        {settings.data && <SettingsForm settings={settings.data} />}
      </section>
      {status.data?.state === 'ready' && (
        <section className="card">
          <h2>{t('settings.device')}</h2>
          <dl className="facts">
            <dt>{t('settings.version')}</dt>
            <dd>{status.data.version}</dd>
            <dt>{t('settings.deviceId')}</dt>
            <dd>
              <code>{status.data.deviceId}</code>
            </dd>
            <dt>{t('settings.schemaVersion')}</dt>
            <dd>{status.data.schemaVersion}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}

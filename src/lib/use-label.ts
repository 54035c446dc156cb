import { useTranslation } from 'react-i18next';
import type { Stage } from '../shared/domain';

/** Labels for codes that come from data: a code this build has no text for is shown as it is. */
export function useLabels() {
  const { t, i18n } = useTranslation();
  const label = (group: string, code: string) => t(`${group}.${code}`, { defaultValue: code });
  return {
    language: i18n.language,
    stage: (stage: Stage | undefined, code: string) =>
      stage ? (i18n.language === 'ja' ? stage.labelJa : stage.labelEn) : code,
    channel: (code: string) => label('channel', code),
    team: (code: string) => label('team', code),
    role: (code: string | null) => label('role', code ?? 'none'),
    territory: (code: string) => label('territory', code),
    industry: (code: string) => label('industry', code),
  };
}

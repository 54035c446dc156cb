import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/error-text';

interface ErrorMessageProps {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorMessage({ error, onRetry }: ErrorMessageProps) {
  const { t } = useTranslation();
  const { text, code } = errorText(t, error);
  return (
    <div className="error-message" role="alert">
      <p>{text}</p>
      <p className="error-code">{t('errors.code', { code })}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

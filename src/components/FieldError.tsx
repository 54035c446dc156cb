import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api/client';
import { errorText } from '../lib/error-text';

interface FieldErrorProps {
  error: unknown;
  /** The contract field this element shows; nested paths (fields.notes, emails.1) match by prefix. */
  field: string;
  /** A prefix the form's calls wrap their fields in (e.g. "fields." for capture.save). */
  prefix?: string;
}

function fieldOf(error: unknown, prefix: string): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  return error.field.startsWith(prefix) ? error.field.slice(prefix.length) : error.field;
}

/** The refusal of one field, next to it, with its code. */
export function FieldError({ error, field, prefix = '' }: FieldErrorProps) {
  const { t } = useTranslation();
  const at = fieldOf(error, prefix);
  if (at === null || (at !== field && !at.startsWith(`${field}.`))) return null;
  const { text, code } = errorText(t, error);
  return (
    <span className="field-error" role="alert">
      {text} <span className="error-code">({code})</span>
    </span>
  );
}

interface GeneralErrorProps {
  error: unknown;
}

/** An error that belongs to no single field. */
export function GeneralError({ error }: GeneralErrorProps) {
  const { t } = useTranslation();
  if (!error || (error instanceof ApiError && error.field)) return null;
  const { text, code } = errorText(t, error);
  return (
    <p className="field-error" role="alert">
      {text} <span className="error-code">({code})</span>
    </p>
  );
}

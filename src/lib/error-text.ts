import type { TFunction } from 'i18next';
import { isErrorCode } from '../shared/errors';
import { ApiError } from './api/client';

/** The translated sentence for an error, by its code; the code itself is shown too, for support. */
export function errorText(t: TFunction, error: unknown): { text: string; code: string } {
  const code = error instanceof ApiError && isErrorCode(error.code) ? error.code : 'INTERNAL';
  const limit = error instanceof ApiError ? error.limit : undefined;
  return { text: t(`errors.${code}`, { limit }), code };
}

/**
 * Error codes cross every boundary (IPC, the browser host, the hub API). The UI maps a
 * code to translated text; the message is for logs and developers.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'UNKNOWN_STAGE',
  'UNKNOWN_CONTACT',
  'TOO_LONG',
  'REQUIRED',
  'NOT_AN_EMAIL',
  'BELOW_MINIMUM',
  'ABOVE_MAXIMUM',
  'CAPTURE_INCOMPLETE',
  'CAPTURE_ALREADY_SAVED',
  'UNSYNCED_WORK',
  'WEAK_PASSWORD',
  'WRONG_PASSWORD',
  'INVALID_FILE',
  'ALREADY_ENROLLED',
  'SECURE_STORAGE_UNAVAILABLE',
  'INSECURE_HUB_URL',
  'NOT_ENROLLED',
  'HUB_UNREACHABLE',
  'ENROLMENT_INVALID',
  'CONTENT_NOT_APPROVED',
  'CONTENT_RETIRED',
  'CONTENT_NOT_YET_RELEASED',
  'CONTENT_SUPERSEDED',
  'CONTENT_EXPIRED',
  'CONTENT_FILE_MISSING',
  'CONTENT_CORRUPTED',
  'CONTENT_EMPTY_FILE',
  'CONTENT_TRUNCATED',
  'CONTENT_UNSUPPORTED_TYPE',
  'CONTENT_UNRENDERABLE',
  'CONTENT_VERSION_MISSING',
  'DECK_EMPTY',
  'PRESENTATION_ENDED',
  'NOT_A_VIDEO',
  'DB_UNAVAILABLE',
  'DB_CORRUPT',
  'DB_TOO_NEW',
  'DB_MIGRATION_FAILED',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'CORE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Which input field the error concerns, when there is one (for showing it next to the field). */
  field?: string;
  /** The bound a number broke (BELOW_MINIMUM, ABOVE_MAXIMUM), for saying it in the UI. */
  limit?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  toInfo(): ErrorInfo {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Turns anything thrown into the error shape that crosses process boundaries. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}

/**
 * Whether the recovery screen may offer "start fresh" (move the database aside and create a
 * new one) after an open failure with this code. Only for a file that cannot be read at
 * all: a database that is too new, failed a migration or is merely unavailable is intact
 * and may hold work that exists nowhere else, so the answer there is to update or retry.
 */
export function canStartFresh(code: ErrorCode): boolean {
  return code === 'DB_CORRUPT';
}

import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { HubErrorBody, HubErrorCode } from '../../src/shared/sync-api';

/** An error the hub answers with: an HTTP status and a `{ error: { code, message } }` body. */
export class HubError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: HubErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }

  body(): HubErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** A short, readable account of what failed validation, for the error message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
    .join('; ');
}

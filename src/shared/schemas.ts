import { z } from 'zod';
import { ERROR_CODES } from './errors';

/** The Result envelope as a schema, for the side that receives it over a wire. */
export const ErrorInfo = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  limit: z.number().optional(),
});

export const ResultEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorInfo }),
]);

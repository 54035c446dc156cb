import type { Context } from 'hono';
import type { z } from 'zod';
import { describeIssues, HubError } from './errors';

/**
 * Reads a JSON body and parses it with `schema`. The body is `unknown` until then; the
 * size limit is enforced before this by the body-limit middleware.
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new HubError(400, 'MALFORMED_JSON', 'The request body is not valid JSON.');
  }
  return parseWith(schema, raw);
}

export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return parseWith(schema, c.req.query());
}

function parseWith<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HubError(400, 'INVALID_INPUT', describeIssues(parsed.error));
  return parsed.data;
}

import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodOutput, type ParsedInput } from '../../src/shared/contract';
import { toErrorInfo, type ErrorInfo, type Result } from '../../src/shared/errors';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

/** What the UI can say about a refused value: a code of its own, and the bound a number broke. */
function refusal(issue: z.core.$ZodIssue | undefined): Pick<ErrorInfo, 'code' | 'limit'> {
  if (issue?.code === 'too_big' && issue.origin === 'string') return { code: 'TOO_LONG' };
  if (issue?.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
    return { code: 'REQUIRED' };
  }
  if (issue?.code === 'invalid_format' && issue.format === 'email') return { code: 'NOT_AN_EMAIL' };
  // Only inclusive bounds can be said as "N or more" (`.positive()` refuses 0 with a minimum of 0).
  if (issue?.code === 'too_small' && issue.origin === 'number' && issue.inclusive !== false) {
    return { code: 'BELOW_MINIMUM', limit: Number(issue.minimum) };
  }
  if (issue?.code === 'too_big' && issue.origin === 'number' && issue.inclusive !== false) {
    return { code: 'ABOVE_MAXIMUM', limit: Number(issue.maximum) };
  }
  return { code: 'INVALID_INPUT' };
}

function invalidInput(error: z.ZodError): ErrorInfo {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const info: ErrorInfo = {
    ...refusal(issue),
    message: issue ? `${field ?? 'input'}: ${issue.message}` : 'The request is not valid.',
  };
  return field === undefined ? info : { ...info, field };
}

/**
 * The one entry point into the core, derived from the contract: every argument is
 * `unknown` until the method's zod schema has parsed it, every answer is checked against
 * the response schema, and nothing thrown escapes as anything but a Result with a code.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${String(method)}` } };
    }
    const spec = methods[method];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value: unknown = await handler(parsed.data);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `Response of ${method} broke the contract: ${checked.error.message}` },
        };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}

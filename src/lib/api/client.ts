import {
  events,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { ResultEnvelope } from '../../shared/schemas';
import { bridge } from './bridge';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** The bound a refused number broke. */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls the core through whichever bridge exists. Answers are parsed like any input. */
export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = ResultEnvelope.safeParse(await bridge.call(method, input));
  if (!envelope.success) throw new ApiError('INTERNAL', `Malformed answer to ${method}`);
  if (!envelope.data.ok) {
    const { code, message, field, limit } = envelope.data.error;
    throw new ApiError(code, message, field, limit);
  }
  const value = methods[method].output.safeParse(envelope.data.value);
  if (!value.success) throw new ApiError('INTERNAL', `Answer to ${method} broke the contract`);
  return value.data as MethodOutput<M>;
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge.subscribe(event, (payload) => {
    const parsed = events[event].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}

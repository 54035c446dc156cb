import { createDispatcher, type Handlers } from '../../electron/core/dispatcher';
import type { ApiBridge, EventName, EventPayload, MethodInput, MethodName } from '../../src/shared/contract';

type Handler<M extends MethodName> = Handlers[M];

/** A promise the test settles itself, for an answer that is still on its way (a save on a slow disk). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/**
 * The core as the renderer sees it (window.api, the preload's bridge), for component tests.
 * Calls go through the core's real dispatcher, so every request and answer is checked
 * against the contract and a refused request comes back with the code and field the real
 * core would give; only the handlers behind it are the test's. A method the test gave no
 * handler for is refused with INTERNAL, naming the method.
 */
class FakeCore {
  private handlers: Partial<Handlers> = {};
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly log: { method: string; input: unknown }[] = [];

  private readonly dispatch = createDispatcher(
    new Proxy({} as Handlers, {
      get: (_target, method: string) =>
        this.handlers[method as MethodName] ??
        (() => {
          throw new Error(`The fake core has no answer for ${method}`);
        }),
    }),
  );

  readonly bridge: ApiBridge = {
    call: (method, input) => {
      this.log.push({ method, input });
      return this.dispatch(method, input);
    },
    subscribe: (event, listener) => {
      const listeners = this.listeners.get(event) ?? new Set();
      listeners.add(listener);
      this.listeners.set(event, listeners);
      return () => listeners.delete(listener);
    },
  };

  /** Sets how the core answers some methods (added to, or replacing, earlier answers). */
  answer(handlers: Partial<Handlers>): void {
    this.handlers = { ...this.handlers, ...handlers };
  }

  /** One method's answer. */
  on<M extends MethodName>(method: M, handler: Handler<M>): void {
    this.answer({ [method]: handler } as Partial<Handlers>);
  }

  /** What the renderer sent to a method, oldest first. */
  callsTo<M extends MethodName>(method: M): MethodInput<M>[] {
    return this.log.filter((entry) => entry.method === method).map((entry) => entry.input as MethodInput<M>);
  }

  /** Pushes an event to the windows, as the core does after a change. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  reset(): void {
    this.handlers = {};
    this.log.length = 0;
    this.listeners.clear();
  }
}

export const fakeCore = new FakeCore();

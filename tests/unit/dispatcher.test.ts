import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../electron/core/dispatcher';
import { AppError } from '../../src/shared/errors';

function unimplemented(): never {
  throw new Error('not used in this test');
}

function handlers(overrides: Partial<Handlers>): Handlers {
  const base = new Proxy({} as Handlers, { get: () => unimplemented });
  return Object.assign(Object.create(base) as Handlers, overrides);
}

describe('createDispatcher', () => {
  it('refuses a method the contract does not have', async () => {
    const dispatch = createDispatcher(handlers({}));
    expect(await dispatch('accounts.drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('refuses malformed input with INVALID_INPUT and names the field', async () => {
    const dispatch = createDispatcher(handlers({ 'accounts.get': unimplemented }));
    expect(await dispatch('accounts.get', { id: 7 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'id' },
    });
    expect(await dispatch('accounts.get', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await dispatch('accounts.get', { id: 'a', extra: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('reports an over-long string as TOO_LONG on its field', async () => {
    const dispatch = createDispatcher(handlers({}));
    const result = await dispatch('touchpoints.add', {
      accountId: 'a',
      channel: 'meeting',
      stageCode: 'adoption',
      summary: 'ok',
      notes: 'x'.repeat(20_001),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LONG', field: 'notes' } });
  });

  it('says what is wrong with an empty field or a number out of bounds, with the bound', async () => {
    const dispatch = createDispatcher(handlers({}));
    expect(
      await dispatch('events.create', {
        name: '  ',
        startsOn: '2026-12-01',
        endsOn: '2026-12-01',
        consentText: 'ok',
        consentVersion: 'v1',
      }),
    ).toMatchObject({ ok: false, error: { code: 'REQUIRED', field: 'name' } });
    expect(await dispatch('settings.update', { contentBudgetMb: 20 })).toMatchObject({
      ok: false,
      error: { code: 'BELOW_MINIMUM', field: 'contentBudgetMb', limit: 100 },
    });
    expect(await dispatch('settings.update', { contentBudgetMb: 2_000_000 })).toMatchObject({
      ok: false,
      error: { code: 'ABOVE_MAXIMUM', field: 'contentBudgetMb', limit: 1_000_000 },
    });
    // An exclusive bound (`positive()` refuses 0 with a minimum of 0) has no "N or more" to say.
    const zero = await dispatch('accounts.search', { limit: 0 });
    expect(zero).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'limit' } });
    expect(zero.ok ? null : zero.error.limit).toBeUndefined();
  });

  it('applies defaults before the handler sees the input', async () => {
    let seen: unknown;
    const dispatch = createDispatcher(
      handlers({
        'accounts.search': (input) => {
          seen = input;
          return { total: 0, items: [] };
        },
      }),
    );
    expect(await dispatch('accounts.search', {})).toEqual({ ok: true, value: { total: 0, items: [] } });
    expect(seen).toEqual({ query: '', offset: 0, limit: 100 });
  });

  it('turns a thrown AppError into its code and anything else into INTERNAL', async () => {
    const dispatch = createDispatcher(
      handlers({
        'accounts.get': () => {
          throw new AppError('NOT_FOUND', 'gone', 'id');
        },
        'stages.list': () => {
          throw new TypeError('boom');
        },
      }),
    );
    expect(await dispatch('accounts.get', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', field: 'id' },
    });
    expect(await dispatch('stages.list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('refuses to return a value that breaks the response schema', async () => {
    const dispatch = createDispatcher(handlers({ 'stages.list': () => [{ code: 1 }] as never }));
    expect(await dispatch('stages.list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

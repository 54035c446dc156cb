import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type TestCore } from '../support/core';

let core: TestCore;

beforeAll(() => {
  core = startCore();
});

afterAll(() => core.close());

const check = (readiness: { checks: { id: string; ok: boolean }[] }, id: string) =>
  readiness.checks.find((c) => c.id === id);

describe('readiness check', () => {
  it('passes what the demo device has and says what to do about the rest', async () => {
    const [event] = await core.value('events.list', {});
    const readiness = await core.value('sync.readiness', { eventId: event!.id });
    expect(readiness.subject).toBe(event!.name);
    expect(check(readiness, 'content')?.ok).toBe(true);
    expect(check(readiness, 'outbox')).toMatchObject({ ok: true, facts: { pending: 0 } });
    expect(check(readiness, 'disk')?.ok).toBe(true);
    // Never connected to a hub: nothing was ever received, so the device is not ready.
    expect(check(readiness, 'last_pull')).toMatchObject({ ok: false, facts: { enrolled: 0 } });
    expect(readiness.ready).toBe(false);
  });

  it('lists missing content for an account’s stage and industry, and a long outbox', async () => {
    const { items } = await core.value('accounts.search', { query: '', limit: 200 });
    // An account whose stage and industry have approved content on the device.
    let target: { id: string; total: number } | undefined;
    for (const item of items) {
      const readiness = await core.value('sync.readiness', { accountId: item.id });
      const total = Number(
        check(readiness, 'content') && readiness.checks.find((c) => c.id === 'content')!.facts.total,
      );
      if (total > 0) {
        target = { id: item.id, total };
        break;
      }
    }
    expect(target).toBeDefined();
    // Damage the store: remove every content file.
    const store = join(core.dataDir, 'content');
    for (const dir of readdirSync(store)) if (dir !== 'tmp') rmSync(join(store, dir), { recursive: true, force: true });
    const [event] = await core.value('events.list', {});
    for (let n = 0; n < 21; n++) {
      await core.value('capture.save', {
        eventId: event!.id,
        language: 'en',
        fields: { familyName: 'Ready', givenName: `No${n}`, emails: [`r${n}@ready.example.com`] },
      });
    }
    const readiness = await core.value('sync.readiness', { accountId: target!.id });
    const content = readiness.checks.find((c) => c.id === 'content')!;
    expect(content.ok).toBe(false);
    expect(content.facts.missing).toBe(target!.total);
    expect(content.items).toHaveLength(target!.total);
    expect(check(readiness, 'outbox')).toMatchObject({ ok: false });
    expect(await core.dispatch('sync.readiness', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

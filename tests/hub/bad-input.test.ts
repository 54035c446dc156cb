import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { forEachDatabase, SETUP_TIMEOUT, startTestHub, type Device, type TestHub } from './support/hub';
import { accountCreate, mutationId, touchpointCreate } from './support/mutations';

type ErrorBody = { error: { code: string; message: string } };

forEachDatabase('bad input', (variant) => {
  let t: TestHub;
  let rep: Device;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestHub(variant);
    rep = await t.enrol({ territories: ['kanto'] });
    const account = accountCreate();
    accountId = (account.payload as { id: string }).id;
    await t.push(rep, [account]);
  }, SETUP_TIMEOUT);
  afterAll(() => t?.close());

  /** Everything the rep can see: the proof that a refused request left nothing behind. */
  const snapshot = async () => (await t.pullAll(rep)).changes.length;
  const post = (body: string, headers: Record<string, string> = {}) =>
    t.json<ErrorBody>('/v1/sync/push', { method: 'POST', token: rep.token, body, headers });

  it('answers malformed JSON, wrong types and envelope errors with 400 and applies nothing', async () => {
    const before = await snapshot();
    const good = touchpointCreate(accountId);
    const cases: [string, string][] = [
      ['{"mutations": [', 'MALFORMED_JSON'],
      ['', 'MALFORMED_JSON'],
      ['[]', 'INVALID_INPUT'],
      ['{"mutations": "all of them"}', 'INVALID_INPUT'],
      ['{"mutations": []}', 'INVALID_INPUT'],
      [JSON.stringify({ mutations: [good], extra: true }), 'INVALID_INPUT'],
      [JSON.stringify({ mutations: [good, { ...good, mutationId: 'not-a-uuid' }] }), 'INVALID_INPUT'],
      [JSON.stringify({ mutations: [good, { ...good, mutationId: uuidv7(), kind: 42 }] }), 'INVALID_INPUT'],
      [JSON.stringify({ mutations: Array.from({ length: 1001 }, () => touchpointCreate(accountId)) }), 'INVALID_INPUT'],
    ];
    for (const [body, code] of cases) {
      const answer = await post(body);
      expect({ body: body.slice(0, 40), status: answer.status, code: answer.body.error.code }).toEqual({
        body: body.slice(0, 40),
        status: 400,
        code,
      });
      expect(answer.body.error.message.length).toBeGreaterThan(0);
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const before = await snapshot();
    const huge = JSON.stringify({ mutations: [touchpointCreate(accountId, { summary: 'x'.repeat(9 * 1024 * 1024) })] });
    const answer = await post(huge);
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(await snapshot()).toBe(before);
  });

  it('acknowledges unknown kinds and invalid payloads as rejected while the rest of the batch applies', async () => {
    const before = await snapshot();
    const fine = touchpointCreate(accountId, { summary: 'still applied' });
    const batch = [
      { mutationId: mutationId(), kind: 'deal.create', payload: { amount: 1 } },
      touchpointCreate(accountId, { channel: 'carrier_pigeon' as never }),
      touchpointCreate(accountId, { occurredAt: 'yesterday' as never }),
      touchpointCreate(accountId, { summary: 'null \u0000 byte' }),
      // Text cut in the middle of an emoji: half a surrogate pair, which PostgreSQL's JSON refuses.
      touchpointCreate(accountId, { summary: `cut ${'😀'.slice(0, 1)}` }),
      { mutationId: mutationId(), kind: 'touchpoint.create', payload: null },
      // Nested thousands deep (a few KB as JSON): within every size limit, and used to overflow the stack.
      touchpointCreate(accountId, { details: { notes: JSON.parse(`${'['.repeat(3_000)}${']'.repeat(3_000)}`) } }),
      touchpointCreate(accountId, { details: JSON.parse(`${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`) }),
      touchpointCreate(accountId, { details: { 'key \u0000': 1 } }),
      fine,
    ];
    const answer = await t.push(rep, batch);
    expect(answer.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
      'UNKNOWN_KIND',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'INVALID_PAYLOAD',
      'applied',
    ]);
    expect(answer.results[1]).toMatchObject({ message: expect.stringContaining('channel') });
    expect(answer.results[7]).toMatchObject({ message: expect.stringContaining('nested more than 64 levels') });
    const after = (await t.pullAll(rep)).changes;
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ kind: 'touchpoint', data: { summary: 'still applied' } });
  });

  it('treats a mutation id in capitals as the same id, in one batch and across batches', async () => {
    const created = touchpointCreate(accountId, { summary: 'sent in capitals' });
    const upper = { ...created, mutationId: created.mutationId.toUpperCase() };
    const first = await post(JSON.stringify({ mutations: [upper, created] }));
    expect(first.status).toBe(200);
    expect((first.body as unknown as { results: unknown[] }).results).toEqual([
      { mutationId: upper.mutationId, status: 'applied' },
      {
        mutationId: created.mutationId,
        status: 'duplicate',
        original: { mutationId: upper.mutationId, status: 'applied' },
      },
    ]);
    // A retry across batches: the hub stored the id as PostgreSQL writes UUIDs, in lower case.
    const retry = await post(JSON.stringify({ mutations: [upper] }));
    expect(retry.status).toBe(200);
    expect((retry.body as unknown as { results: unknown[] }).results).toEqual([
      {
        mutationId: upper.mutationId,
        status: 'duplicate',
        original: { mutationId: created.mutationId, status: 'applied' },
      },
    ]);
  });

  it('refuses a device report the database could not store with 400', async () => {
    const report = (body: object) =>
      t.json<ErrorBody>('/v1/devices/report', {
        method: 'POST',
        token: rep.token,
        body: JSON.stringify({ oldestPendingAt: null, lastSyncAt: null, ...body }),
      });
    for (const body of [{ pendingOutbox: 99_999_999_999 }, { pendingOutbox: 0, appVersion: '1.0\u0000' }]) {
      const answer = await report(body);
      expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_INPUT' } } });
    }
    expect((await report({ pendingOutbox: 3, appVersion: '0.1.0' })).status).toBe(200);
  });

  it('refuses a cursor from the future, a malformed cursor and an out-of-range limit', async () => {
    await t.push(rep, [accountCreate()]);
    const { cursor, check } = await t.pullAll(rep);
    expect(check).toMatch(/^\d+$/);
    const ahead = await t.json<ErrorBody>(`/v1/sync/pull?cursor=${Number(cursor) + 1000}`, { token: rep.token });
    expect(ahead).toMatchObject({ status: 409, body: { error: { code: 'CURSOR_AHEAD' } } });
    const unknown = await t.json<ErrorBody>(`/v1/sync/pull?cursor=${cursor}&check=${Number(check) + 1}`, {
      token: rep.token,
    });
    expect(unknown).toMatchObject({ status: 409, body: { error: { code: 'CURSOR_UNKNOWN' } } });
    // An app built before checks sends the cursor alone, and keeps pulling.
    expect((await t.json(`/v1/sync/pull?cursor=${cursor}`, { token: rep.token })).status).toBe(200);
    for (const query of [
      'cursor=-1',
      'cursor=abc',
      'cursor=1e5',
      'cursor=5.1',
      'cursor=5&check=x',
      'cursor=5&check=-1',
      'cursor=5&pushed=x&pushedCheck=1',
      'limit=0',
      'limit=5001',
      'limit=ten',
      'other=1',
    ]) {
      const answer = await t.json<ErrorBody>(`/v1/sync/pull?${query}`, { token: rep.token });
      expect({ query, status: answer.status, code: answer.body.error.code }).toEqual({
        query,
        status: 400,
        code: 'INVALID_INPUT',
      });
    }
  });

  it('rolls the whole batch back when the database fails halfway, and the retry then applies it', async () => {
    const { db } = t.hub.database;
    // Fault injection: the database refuses one particular touchpoint after the account row is written.
    await db.execute(sql`CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.summary = 'boom' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$`);
    await db.execute(
      sql`CREATE TRIGGER fail_on_boom BEFORE INSERT ON touchpoints FOR EACH ROW EXECUTE FUNCTION fail_on_boom()`,
    );
    const before = await snapshot();
    const account = accountCreate();
    const id = (account.payload as { id: string }).id;
    const batch = [account, touchpointCreate(id, { summary: 'fine' }), touchpointCreate(id, { summary: 'boom' })];
    const failed = await post(JSON.stringify({ mutations: batch }));
    expect(failed).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
    expect(await snapshot()).toBe(before);

    await db.execute(sql`DROP TRIGGER fail_on_boom ON touchpoints`);
    const retried = await t.push(rep, batch);
    expect(retried.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(await snapshot()).toBe(before + 3);
  });

  it('keeps serving: health, unknown routes and the OpenAPI document', async () => {
    expect(await t.json('/healthz')).toEqual({ status: 200, body: { status: 'ok', hubId: expect.any(String) } });
    expect(await t.json('/v1/nothing-here', { token: rep.token })).toMatchObject({
      status: 404,
      body: { error: { code: 'NOT_FOUND' } },
    });
    const { status, body } = await t.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      '/openapi.json',
    );
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual(
      [
        '/healthz',
        '/openapi.json',
        '/v1/admin/sync-health',
        '/v1/content/blobs/{sha256}',
        '/v1/content/manifest',
        '/v1/devices/report',
        '/v1/enrol',
        '/v1/me',
        '/v1/sync/pull',
        '/v1/sync/push',
      ].sort(),
    );
    expect(JSON.stringify(body.paths['/v1/sync/push'])).toContain('touchpoint');
    const pushed = await t.push(rep, [touchpointCreate(accountId)]);
    expect(pushed.results[0]?.status).toBe('applied');
  });
});

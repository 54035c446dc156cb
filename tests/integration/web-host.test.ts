import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHost, type RunningHost } from '../support/host';

let host: RunningHost;

beforeAll(async () => {
  host = await launchHost();
}, 90_000);

afterAll(() => host.stop());

function post(path: string, body: string, token: string | null = host.token) {
  return fetch(`${host.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body,
  });
}

describe('browser test host', () => {
  it('listens only on 127.0.0.1 and serves the built renderer', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(host.origin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('answers contract calls with the same Result envelope as IPC', async () => {
    const response = await post('/api/call/accounts.search', JSON.stringify({ query: 'gmbh', limit: 3 }));
    const body = (await response.json()) as { ok: boolean; value: { total: number; items: unknown[] } };
    expect(body.ok).toBe(true);
    expect(body.value.items).toHaveLength(3);
    expect(body.value.total).toBeGreaterThan(3);
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    for (const token of [null, 'wrong', `${host.token}x`]) {
      const response = await post('/api/call/app.status', '{}', token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect((await fetch(`${host.origin}/api/events`)).status).toBe(401);
  });

  it('answers unknown methods, malformed JSON and wrong types with codes and keeps serving', async () => {
    expect((await post('/api/call/accounts.drop', '{}')).status).toBe(404);
    const malformed = await post('/api/call/accounts.search', '{"query":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    const wrongType = await post('/api/call/accounts.search', JSON.stringify({ query: 42 }));
    expect(await wrongType.json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'query' } });
    const status = await post('/api/call/app.status', '{}');
    expect(await status.json()).toMatchObject({ ok: true, value: { state: 'ready' } });
  });

  it('streams data.changed events to subscribers', async () => {
    const controller = new AbortController();
    const events = await fetch(`${host.origin}/api/events?token=${host.token}`, { signal: controller.signal });
    const reader = events.body!.getReader();
    const search = (await (await post('/api/call/accounts.search', '{"limit":1}')).json()) as {
      value: { items: { id: string }[] };
    };
    const accountId = search.value.items[0]!.id;
    await post(
      '/api/call/touchpoints.add',
      JSON.stringify({ accountId, channel: 'call', stageCode: 'adoption', summary: 'Event test' }),
    );
    let text = '';
    while (!text.includes('data.changed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: data.changed');
    expect(text).toContain(accountId);
  });
});

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, HubRequestError } from '../../electron/core/sync/hub-client';

const SHA = 'a'.repeat(64);
const FILE = randomBytes(3 << 20);

/** What the test server does with the next content request. */
let behave: (request: IncomingMessage, response: ServerResponse) => void;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((request, response) => behave(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The production client: no fetch injected, so content files take Node's HTTP client. */
const client = (timeoutMs = 5_000) => new HubClient({ baseUrl: url, token: () => 'device-token', timeoutMs });

async function collect(body: AsyncIterable<Uint8Array>): Promise<{ bytes: Buffer; error: unknown }> {
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of body) chunks.push(chunk);
    return { bytes: Buffer.concat(chunks), error: null };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error };
  }
}

async function failureOf(promise: Promise<unknown>): Promise<HubRequestError['failure']> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof HubRequestError)) throw new Error(`expected a HubRequestError, got ${String(error)}`);
  return error.failure;
}

describe('content files over Node HTTP (the engine without an injected fetch)', () => {
  it('sends the token, asks for the rest of a part file with Range and If-Range, and streams every byte', async () => {
    const seen: Record<string, unknown>[] = [];
    behave = (request, response) => {
      seen.push({
        path: request.url,
        auth: request.headers.authorization,
        range: request.headers.range,
        ifRange: request.headers['if-range'],
      });
      const from = request.headers.range ? Number(/bytes=(\d+)-/.exec(request.headers.range)?.[1]) : 0;
      response.writeHead(from > 0 ? 206 : 200, { 'content-length': FILE.length - from });
      response.end(FILE.subarray(from));
    };
    const whole = await client().blob(SHA, 0);
    expect(whole.status).toBe(200);
    expect((await collect(whole.body)).bytes.equals(FILE)).toBe(true);
    const rest = await client().blob(SHA, 1_000_000);
    expect(rest.status).toBe(206);
    expect((await collect(rest.body)).bytes.equals(FILE.subarray(1_000_000))).toBe(true);
    expect(seen).toEqual([
      { path: `/v1/content/blobs/${SHA}`, auth: 'Bearer device-token', range: undefined, ifRange: undefined },
      { path: `/v1/content/blobs/${SHA}`, auth: 'Bearer device-token', range: 'bytes=1000000-', ifRange: `"${SHA}"` },
    ]);
  });

  it('delivers what arrived before a dropped connection, then fails', async () => {
    behave = (_request, response) => {
      response.writeHead(200, { 'content-length': FILE.length });
      response.write(FILE.subarray(0, 1 << 20), () => setTimeout(() => response.socket?.destroy(), 50));
    };
    const { bytes, error } = await collect((await client().blob(SHA, 0)).body);
    expect(error).toBeInstanceOf(Error);
    expect(bytes.length).toBe(1 << 20);
    expect(bytes.equals(FILE.subarray(0, 1 << 20))).toBe(true);

    // Dropped before the engine starts reading (it opens the part file first): no crash,
    // and reading reports the failure.
    const late = await client().blob(SHA, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lateRead = await collect(late.body);
    expect(lateRead.error).toBeInstanceOf(Error);
    expect(FILE.subarray(0, lateRead.bytes.length).equals(lateRead.bytes)).toBe(true);
  });

  it('gives up on a hub that stops sending, after the idle timeout', async () => {
    behave = (_request, response) => {
      response.writeHead(200, { 'content-length': FILE.length });
      response.write(FILE.subarray(0, 1000));
    };
    const { bytes, error } = await collect((await client(300).blob(SHA, 0)).body);
    expect(String(error)).toContain('no data from the hub for 300 ms');
    expect(bytes.length).toBe(1000);

    // A hub that accepts the connection and never answers is given up the same way.
    behave = () => undefined;
    expect(await failureOf(client(300).blob(SHA, 0))).toMatchObject({
      kind: 'offline',
      message: expect.stringContaining('no data from the hub for 300 ms') as unknown,
    });
  });

  it("reports the hub's error code, and a hub that cannot be reached as offline", async () => {
    behave = (_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'DEVICE_REVOKED', message: 'This device was revoked.' } }));
    };
    expect(await failureOf(client().blob(SHA, 0))).toEqual({
      kind: 'auth',
      code: 'DEVICE_REVOKED',
      message: 'This device was revoked.',
    });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = new HubClient({ baseUrl: `http://127.0.0.1:${port}`, token: () => 't' });
    expect(await failureOf(offline.blob(SHA, 0))).toMatchObject({ kind: 'offline' });
  });
});

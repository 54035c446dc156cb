import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { Caller } from '../auth/identity';
import { authenticate } from '../auth/authenticate';
import { answerBlob, sendBlob } from '../content/serve-blob';
import { assertAccess, ENDPOINTS, NO_CALLER, type HubDeps } from './endpoints';
import { HubError } from './errors';
import { openApiDocument } from './openapi';
import { readJson, readQuery } from './parse';
import { RawJson } from './raw-json';

export interface HubAppOptions extends HubDeps {
  logger: Logger;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
}

/** `Bindings` are set when the app runs behind @hono/node-server, absent for in-process requests. */
type Env = { Variables: { caller: Caller; requestId: string }; Bindings: Partial<HttpBindings> };

function fail(c: Context, error: HubError): Response {
  return c.json(error.body(), error.status);
}

/**
 * The hub's HTTP API: JSON endpoints from endpoints.ts (each parsed with its zod schema),
 * content blobs, and the OpenAPI document generated from the same schemas.
 */
export function createHubApp(options: HubAppOptions): Hono<Env> {
  const { logger } = options;
  const deps: HubDeps = options;
  const app = new Hono<Env>();

  app.use(async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    if (deps.draining() && c.req.path !== '/healthz') {
      c.header('X-Request-Id', requestId);
      c.header('Connection', 'close');
      return fail(c, new HubError(503, 'SHUTTING_DOWN', 'The hub is shutting down; retry shortly.'));
    }
    logger.debug({ requestId, method: c.req.method, path: c.req.path }, 'request received');
    await next();
    // Headers are added once the answer exists, and not to a content file that went
    // straight to the socket (see sendBlob), whose headers are already sent.
    const outgoing = c.env?.outgoing;
    const sent = outgoing?.headersSent === true;
    if (!sent) {
      c.header('X-Request-Id', requestId);
      // A response finished during shutdown tells the client not to reuse the connection.
      if (deps.draining()) c.header('Connection', 'close');
    }
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: c.req.path,
        status: sent ? outgoing.statusCode : c.res.status,
        ms: Math.round(performance.now() - started),
        device: c.get('caller')?.deviceId,
      },
      'request',
    );
  });

  app.onError((error, c) => {
    if (error instanceof HubError) return fail(c, error);
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return fail(c, new HubError(500, 'INTERNAL', 'The hub failed to handle the request; it was not applied.'));
  });
  app.notFound((c) => fail(c, new HubError(404, 'NOT_FOUND', `No endpoint ${c.req.method} ${c.req.path}.`)));

  const limit = bodyLimit({
    maxSize: options.maxBodyBytes,
    onError: (c) =>
      fail(c, new HubError(413, 'PAYLOAD_TOO_LARGE', `The request body is over ${options.maxBodyBytes} bytes.`)),
  });
  const requireDevice = async (c: Context<Env>, next: () => Promise<void>) => {
    c.set('caller', await authenticate(deps.db, c.req.header('authorization')));
    await next();
  };

  for (const endpoint of ENDPOINTS) {
    if (endpoint.method === 'post') app.use(endpoint.path, limit);
    if (endpoint.access !== 'public') app.use(endpoint.path, requireDevice);
    app.on(endpoint.method.toUpperCase(), endpoint.path, async (c) => {
      const caller = endpoint.access === 'public' ? NO_CALLER : c.get('caller');
      if (endpoint.access !== 'public') assertAccess(endpoint.access, caller);
      const body = endpoint.body ? await readJson(c, endpoint.body) : undefined;
      const query = endpoint.query ? readQuery(c, endpoint.query) : undefined;
      const result = await endpoint.handle({ body, query, caller, deps });
      // As bytes: a string body is scanned character by character for lone surrogates by the
      // Response it becomes (~0.8 s over the pages of 100,000 touchpoints).
      if (result instanceof RawJson) {
        return c.body(Buffer.from(result.text, 'utf8'), 200, { 'Content-Type': 'application/json' });
      }
      return c.json(result as object, endpoint.statusOf?.(result) ?? 200);
    });
  }

  app.use('/v1/content/blobs/*', requireDevice);
  app.on(['GET', 'HEAD'], '/v1/content/blobs/:sha256', async (c) => {
    const reply = await answerBlob(deps.db, deps.blobs, {
      sha256: c.req.param('sha256') ?? '',
      method: c.req.method === 'HEAD' ? 'HEAD' : 'GET',
      range: c.req.header('range'),
      ifRange: c.req.header('if-range'),
      ifNoneMatch: c.req.header('if-none-match'),
    });
    // Set here: a file piped to the socket goes out before the middleware adds headers.
    reply.headers.set('X-Request-Id', c.get('requestId'));
    if (deps.draining()) reply.headers.set('Connection', 'close');
    return sendBlob(reply, c.env?.outgoing, (error) =>
      logger.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'content file transfer broke off'),
    );
  });

  const document = openApiDocument();
  app.get('/openapi.json', (c) => c.json(document));
  return app;
}

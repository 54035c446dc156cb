import { randomBytes, timingSafeEqual } from 'node:crypto';
import { relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { isMethodName } from '../../src/shared/contract';
import { contentResponse, errorResponse } from '../core/content/http-response';
import { createCore, type Core, type CoreOptions } from '../core/core';

export interface WebHostOptions extends CoreOptions {
  port: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
}

export interface WebHost {
  url: string;
  core: Core;
  close(): Promise<void>;
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The browser test host: the real core and the built renderer, with the contract served
 * over HTTP on 127.0.0.1 behind a random token instead of Electron IPC. It is a
 * transport and nothing more: every call goes to the same dispatcher the core process
 * uses, so there is nothing here that could drift from the app.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const core = createCore(options);
  const app = new Hono();
  const authorized = (c: Context) =>
    sameSecret(c.req.header('authorization')?.replace(/^Bearer /, ''), token) ||
    sameSecret(c.req.query('token'), token);

  app.use('/api/*', async (c, next) => {
    if (!authorized(c))
      return c.json({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong token.' } }, 401);
    await next();
  });

  app.post('/api/call/:method', async (c) => {
    const method = c.req.param('method');
    if (!isMethodName(method)) {
      return c.json({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}` } }, 404);
    }
    let input: unknown;
    try {
      input = await c.req.json();
    } catch {
      return c.json({ ok: false, error: { code: 'INVALID_INPUT', message: 'The body is not JSON.' } }, 400);
    }
    return c.json(await core.dispatch(method, input));
  });

  // The host's equivalent of Electron's oneteam-content:// protocol: the core checks the version
  // and the file's hash, and the same streamer as in Electron sends it (or the refusal, with its code).
  app.get('/api/content/:versionId', async (c) => {
    const served = core.serveContent(c.req.param('versionId'));
    return served.ok ? contentResponse(c.req.raw, served.value) : errorResponse(served.error);
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const dispose = core.subscribe((event, payload) => {
        void stream.writeSSE({ event, data: JSON.stringify(payload) });
      });
      stream.onAbort(dispose);
      // Keep the stream open until the browser goes away; a comment line every 15 s keeps proxies from closing it.
      while (!stream.aborted) {
        await stream.sleep(15_000);
        if (!stream.aborted) await stream.write(': keep-alive\n\n');
      }
      dispose();
    }),
  );

  app.use('/*', serveStatic({ root: relative(process.cwd(), options.rendererDir) }));

  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: options.port }, () => resolve(started));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          core.close();
          resolve();
        });
        // Open event streams would keep close() waiting forever.
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

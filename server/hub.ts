import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { BlobStore } from './content/blob-store';
import { openDatabase, type DatabaseTarget, type HubDatabase } from './db/connection';
import { createHubApp } from './http/app';

export interface HubOptions {
  database: DatabaseTarget;
  /** Where content files live (by default `<data dir>/blobs`). */
  blobDir: string;
  logger: Logger;
  maxBodyBytes?: number;
  now?: () => number;
}

export interface Hub {
  app: Hono;
  database: HubDatabase;
  blobs: BlobStore;
  /** Stops taking requests: new ones get 503 SHUTTING_DOWN and /healthz says `draining`. */
  drain(): void;
  close(): Promise<void>;
}

export interface ListeningHub extends Hub {
  url: string;
  port: number;
}

/** 8 MiB: twice the payload the app puts in one push (it splits its queue into 4 MiB batches). */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;
const KEEP_ALIVE_MS = 65_000;
/** How long shutdown waits for in-flight requests before it cuts connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Where the embedded database and the blob store go under `--data-dir`. */
export function dataDirLayout(dataDir: string): { pgdata: string; blobs: string } {
  return { pgdata: join(dataDir, 'pgdata'), blobs: join(dataDir, 'blobs') };
}

/** Opens the database (migrating it) and builds the HTTP app, without listening. */
export async function createHub(options: HubOptions): Promise<Hub> {
  const database = await openDatabase(options.database);
  const blobs = new BlobStore(options.blobDir);
  let draining = false;
  const app = createHubApp({
    db: database.db,
    blobs,
    now: options.now ?? Date.now,
    draining: () => draining,
    logger: options.logger,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  });
  return {
    app: app as unknown as Hono,
    database,
    blobs,
    drain: () => {
      draining = true;
    },
    close: () => database.close(),
  };
}

/**
 * Listens on host:port (port 0 = any free port). Closing drains: in-flight requests
 * finish, idle keep-alive connections close, and the database closes last.
 */
export async function startHub(options: HubOptions & { host: string; port: number }): Promise<ListeningHub> {
  const hub = await createHub(options);
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: hub.app.fetch, hostname: options.host, port: options.port }, () => resolve(started));
  });
  // Keep idle connections longer than a load balancer's usual 60 s idle timeout, so the
  // hub never closes a connection a client or proxy is about to reuse.
  if ('keepAliveTimeout' in server) {
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      hub.drain();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          options.logger.warn('shutdown grace period over: closing open connections');
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await hub.close();
    })();
    return closing;
  };
  return { ...hub, url: `http://${options.host}:${port}`, port, close };
}

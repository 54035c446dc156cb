import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  ContentManifest,
  DeviceReport,
  DocumentedPushRequest,
  DeviceReportResponse,
  EnrolRequest,
  EnrolResponse,
  HealthResponse,
  Identity,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
  SyncHealthResponse,
} from '../../src/shared/sync-api';
import { enrolDevice } from '../auth/enrol';
import { identityOf, type Caller } from '../auth/identity';
import type { BlobStore } from '../content/blob-store';
import { contentState, selectContentVersions } from '../content/versions';
import { hubId, type HubDrizzle } from '../db/connection';
import { pullChanges } from '../sync/pull';
import { pushMutations } from '../sync/push/push';
import { recordReport, syncHealth } from '../sync/sync-health';
import { HubError } from './errors';
import type { RawJson } from './raw-json';

/** What every handler may use. */
export interface HubDeps {
  db: HubDrizzle;
  blobs: BlobStore;
  now(): number;
  /** True once graceful shutdown has begun. */
  draining(): boolean;
}

export type Access = 'public' | 'device' | 'admin';

interface HandlerInput<B, Q> {
  body: B;
  query: Q;
  caller: Caller;
  deps: HubDeps;
}

/** A JSON endpoint: its schemas drive both request parsing and the OpenAPI document. */
export interface Endpoint {
  method: 'get' | 'post';
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  /** A more telling schema for the OpenAPI document than the one requests are parsed with. */
  documentedBody?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  /** The HTTP status for a result, when it is not always 200. */
  statusOf?(result: unknown): 200 | 503;
  handle(input: HandlerInput<unknown, unknown>): Promise<unknown>;
}

function endpoint<
  B extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  R extends z.ZodType = z.ZodType,
>(
  definition: Omit<Endpoint, 'handle' | 'body' | 'query' | 'response' | 'statusOf'> & {
    statusOf?(result: z.infer<R>): 200 | 503;
    body?: B;
    query?: Q;
    response: R;
    /** The answer, or the same already rendered as JSON text (checked against `response` by the tests). */
    handle(input: HandlerInput<z.infer<B>, z.infer<Q>>): Promise<z.infer<R> | RawJson>;
  },
): Endpoint {
  return definition as Endpoint;
}

/** A caller is only absent on public endpoints, whose handlers do not read it. */
export const NO_CALLER = null as unknown as Caller;

export const ENDPOINTS: Endpoint[] = [
  endpoint({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness and database reachability; 503 while shutting down.',
    access: 'public',
    response: HealthResponse,
    statusOf: (result) => (result.status === 'ok' ? 200 : 503),
    async handle({ deps }) {
      const id = await hubId(deps.db);
      await deps.db.execute(sql`SELECT 1`);
      return { status: deps.draining() ? ('draining' as const) : ('ok' as const), hubId: id };
    },
  }),
  endpoint({
    method: 'post',
    path: '/v1/enrol',
    summary: 'Exchange a one-time enrolment code for a device token.',
    access: 'public',
    body: EnrolRequest,
    response: EnrolResponse,
    handle: ({ body, deps }) => enrolDevice(deps.db, body, deps.now()),
  }),
  endpoint({
    method: 'get',
    path: '/v1/me',
    summary: 'The calling device, its user and the territories it may see.',
    access: 'device',
    response: Identity,
    handle: async ({ caller, deps }) => identityOf(caller, await hubId(deps.db)),
  }),
  endpoint({
    method: 'post',
    path: '/v1/sync/push',
    summary: 'Apply a batch of outbox mutations exactly once; one result per mutation.',
    access: 'device',
    body: PushRequest,
    documentedBody: DocumentedPushRequest,
    response: PushResponse,
    handle: ({ body, caller, deps }) => pushMutations(deps.db, caller, body.mutations, deps.now()),
  }),
  endpoint({
    method: 'get',
    path: '/v1/sync/pull',
    summary: "One page of changes after a cursor, for the caller's territories (content for everyone).",
    access: 'device',
    query: PullQuery,
    response: PullResponse,
    handle: ({ query, caller, deps }) => pullChanges(deps.db, caller, query, deps.now()),
  }),
  endpoint({
    method: 'post',
    path: '/v1/devices/report',
    summary: "The device's pending outbox and last sync, for the hub's sync-health view.",
    access: 'device',
    body: DeviceReport,
    response: DeviceReportResponse,
    async handle({ body, caller, deps }) {
      const now = deps.now();
      await recordReport(deps.db, caller.deviceId, body, now);
      return { recordedAt: now };
    },
  }),
  endpoint({
    method: 'get',
    path: '/v1/content/manifest',
    summary: 'Every content version with its state now (presentable, scheduled, expired, retired, draft).',
    access: 'device',
    response: ContentManifest,
    async handle({ deps }) {
      const now = deps.now();
      const versions = await selectContentVersions(deps.db);
      return { generatedAt: now, versions: versions.map((v) => ({ ...v, state: contentState(v, now) })) };
    },
  }),
  endpoint({
    method: 'get',
    path: '/v1/admin/sync-health',
    summary: 'Sync health per device (admin devices only).',
    access: 'admin',
    response: SyncHealthResponse,
    handle: async ({ deps }) => ({ devices: await syncHealth(deps.db) }),
  }),
];

export function assertAccess(access: Access, caller: Caller): void {
  if (access === 'admin' && caller.role !== 'admin') {
    throw new HubError(403, 'FORBIDDEN', 'This endpoint is for administrators.');
  }
}

import type { z } from 'zod';
import { fetchBlobTransport, httpBlobTransport, type BlobAnswer, type BlobTransport } from './blob-transport';
import {
  ContentManifest,
  DeviceReportResponse,
  EnrolResponse,
  HubErrorBody,
  Identity,
  PullResponse,
  PushResponse,
  type DeviceReport,
  type EnrolRequest,
  type MutationEnvelope,
} from '../../../src/shared/sync-api';

/**
 * Why a hub request failed, in the terms the engine acts on: `offline` and `server` are
 * retried with backoff, `auth` stops syncing until the rep enrols again, `refused` is a
 * bug or a hub too old/new for this app and is shown as it is.
 */
export type HubFailure =
  | { kind: 'offline'; message: string }
  | { kind: 'server'; status: number; message: string }
  | { kind: 'auth'; code: string; message: string }
  | { kind: 'refused'; status: number; code: string; message: string };

export class HubRequestError extends Error {
  constructor(readonly failure: HubFailure) {
    super(failure.message);
    this.name = 'HubRequestError';
  }
}

export interface HubClientOptions {
  baseUrl: string;
  /** Read at each request: enrolment replaces it, sign-out removes it. */
  token: () => string | null;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The device's side of the sync API. Every answer is parsed with the shared contract;
 * offline is decided by real request failures (refused connection, timeout), never only
 * by the operating system's online flag.
 */
export class HubClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly blobTransport: BlobTransport;

  constructor(private readonly options: HubClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.fetchImpl = options.fetch ?? fetch;
    // Content files take Node's HTTP client unless a fetch is injected (the tests' simulated network).
    this.blobTransport = options.fetch ? fetchBlobTransport(options.fetch) : httpBlobTransport(this.timeoutMs);
  }

  enrol(body: EnrolRequest): Promise<EnrolResponse> {
    return this.json('POST', '/v1/enrol', EnrolResponse, body, false);
  }

  me(): Promise<Identity> {
    return this.json('GET', '/v1/me', Identity);
  }

  push(mutations: MutationEnvelope[]): Promise<PushResponse> {
    return this.json('POST', '/v1/sync/push', PushResponse, { mutations });
  }

  /** A page after `cursor`; the hub checks `check` and `pushed` (see SyncState) when given. */
  pull(
    position: { cursor: string; check: string | null; pushed: { cursor: string; check: string } | null },
    limit: number,
  ): Promise<PullResponse> {
    const query = new URLSearchParams({ cursor: position.cursor });
    if (position.check !== null) query.set('check', position.check);
    if (position.pushed) {
      query.set('pushed', position.pushed.cursor);
      query.set('pushedCheck', position.pushed.check);
    }
    query.set('limit', String(limit));
    return this.json('GET', `/v1/sync/pull?${query.toString()}`, PullResponse);
  }

  async report(report: DeviceReport): Promise<void> {
    await this.json('POST', '/v1/devices/report', DeviceReportResponse, report);
  }

  manifest(): Promise<ContentManifest> {
    return this.json('GET', '/v1/content/manifest', ContentManifest);
  }

  /**
   * A content file, from `offset` on when resuming; `If-Range` makes the hub send the whole
   * file (200) instead of the rest (206) if it is no longer the one the part file began.
   */
  async blob(sha256: string, offset: number): Promise<BlobAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token()}` };
    if (offset > 0) {
      headers.range = `bytes=${offset}-`;
      headers['if-range'] = `"${sha256}"`;
    }
    let answer: BlobAnswer;
    try {
      answer = await this.blobTransport(`${this.baseUrl}/v1/content/blobs/${sha256}`, headers);
    } catch (error) {
      throw this.unreachable(error);
    }
    if (answer.status !== 200 && answer.status !== 206) {
      throw await this.failure(new Response(await answer.text().catch(() => ''), { status: answer.status }));
    }
    return answer;
  }

  private async json<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body?: unknown,
    authenticated = true,
  ): Promise<z.output<T>> {
    const response = await this.request(method, path, body, authenticated);
    if (!response.ok) throw await this.failure(response);
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      throw new HubRequestError({
        kind: 'server',
        status: response.status,
        message: `The hub's answer to ${path} is not JSON.`,
      });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new HubRequestError({
        kind: 'server',
        status: response.status,
        message: `The hub's answer to ${path} breaks the contract.`,
      });
    }
    return parsed.data;
  }

  /** The device token for a request; a device without one is not enrolled. */
  private token(): string {
    const token = this.options.token();
    if (!token) {
      throw new HubRequestError({ kind: 'auth', code: 'TOKEN_MISSING', message: 'This device is not enrolled.' });
    }
    return token;
  }

  private unreachable(error: unknown): HubRequestError {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new HubRequestError({
      kind: 'offline',
      message: `The hub at ${this.baseUrl} cannot be reached (${message}).`,
    });
  }

  private async request(method: string, path: string, body: unknown, authenticated: boolean): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (authenticated) headers.authorization = `Bearer ${this.token()}`;
    // A timer of our own: AbortSignal.timeout's timer does not keep its signal alive on Node 20.
    // It bounds the wait for the answer and then each silence while its body arrives: a hub that
    // sends headers and stalls must not leave the run "syncing", and a slow link still gets a
    // large page through.
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(
        () => controller.abort(new DOMException(`No answer within ${this.timeoutMs} ms`, 'TimeoutError')),
        this.timeoutMs,
      );
    };
    arm();
    try {
      const response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        // As bytes: fetch scans a string body character by character for lone surrogates
        // (~0.4 s over a push of 100,000 touchpoints).
        body: body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8'),
        signal: controller.signal,
      });
      // Raced against the timer, since a body stream need not heed the signal.
      const aborted = new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error)),
      );
      aborted.catch(() => undefined);
      const reader = response.body?.getReader();
      const next = () => (reader ? Promise.race([reader.read(), aborted]) : undefined);
      const chunks: Uint8Array[] = [];
      try {
        for (let chunk = await next(); chunk && !chunk.done; chunk = await next()) {
          chunks.push(chunk.value);
          arm();
        }
      } catch (error) {
        void reader?.cancel().catch(() => undefined);
        throw error;
      }
      // 204 and 304 answers may carry no body, not even an empty one.
      const content = [204, 205, 304].includes(response.status) ? null : Buffer.concat(chunks);
      return new Response(content, { status: response.status, headers: response.headers });
    } catch (error) {
      throw this.unreachable(error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async failure(response: Response): Promise<HubRequestError> {
    let code = `HTTP_${response.status}`;
    let message = `The hub answered ${response.status}.`;
    try {
      const body = HubErrorBody.safeParse(await response.json());
      if (body.success) ({ code, message } = body.data.error);
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    if (response.status === 401) return new HubRequestError({ kind: 'auth', code, message });
    if (response.status >= 500 || response.status === 429 || response.status === 408) {
      return new HubRequestError({ kind: 'server', status: response.status, message });
    }
    return new HubRequestError({ kind: 'refused', status: response.status, code, message });
  }
}

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A content file's answer as it streams in. */
export interface BlobAnswer {
  status: number;
  /** The bytes; iterating throws if the connection drops before the end. */
  body: AsyncIterable<Uint8Array>;
  /** The whole body as text (for an error answer). */
  text(): Promise<string>;
  /** Stops the transfer and releases the connection. */
  cancel(): void;
}

/** Requests a content file; rejects when no answer arrives (refused connection, timeout). */
export type BlobTransport = (url: string, headers: Record<string, string>) => Promise<BlobAnswer>;

async function textOf(message: IncomingMessage): Promise<string> {
  let text = '';
  message.setEncoding('utf8');
  for await (const chunk of message) text += chunk as string;
  return text;
}

/**
 * Content files over Node's own HTTP client. A gigabyte arrives in sixteen thousand
 * chunks; Node's streams hand them over with about a fifth less CPU than fetch's web
 * streams, and on a two-core laptop that CPU is what the hashing worker, the disk and a
 * local hub compete for. `idleMs` bounds the silence, not the transfer: a large file may
 * take minutes, a hub that stops sending is given up after `idleMs` without a byte.
 */
export function httpBlobTransport(idleMs: number): BlobTransport {
  return (url, headers) =>
    new Promise((resolve, reject) => {
      let givenUp: Error | null = null;
      // `timeout` is armed when the socket is created, so it also bounds connecting.
      const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(
        url,
        { headers, timeout: idleMs },
        (response) => {
          resolve({
            status: response.statusCode ?? 0,
            body: bodyOf(response, () => givenUp),
            text: () => textOf(response),
            cancel: () => request.destroy(),
          });
        },
      );
      request.on('timeout', () => {
        givenUp = new Error(`no data from the hub for ${idleMs} ms`);
        request.destroy(givenUp);
      });
      request.on('error', reject);
      request.end();
    });
}

/** The body's chunks; a body cut by the idle timeout fails with that reason, not a bare "aborted". */
async function* bodyOf(response: IncomingMessage, givenUp: () => Error | null): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of response) yield chunk as Uint8Array;
  } catch (error) {
    throw givenUp() ?? error;
  }
}

/** Content files over a fetch implementation: the tests' simulated network injects one. */
export function fetchBlobTransport(fetchImpl: typeof fetch): BlobTransport {
  return async (url, headers) => {
    const response = await fetchImpl(url, { headers });
    const body = response.body ?? new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    return {
      status: response.status,
      body,
      text: () => response.text(),
      cancel: () => void body.cancel().catch(() => undefined),
    };
  };
}

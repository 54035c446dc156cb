import { protocol } from 'electron';
import { CONTENT_PROTOCOL } from '../../src/shared/content';
import type { Result } from '../../src/shared/errors';
import { contentResponse, errorResponse } from '../core/content/http-response';
import { ServableFile } from '../core/content/servable';

/**
 * Before the app is ready: a standard, secure scheme that fetch, <img> and <video> (with
 * range requests) can use. The app's page (file:// or the dev server) is another origin,
 * so its fetch of a PDF is a CORS request: the scheme must take part in CORS.
 */
export function registerContentScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: CONTENT_PROTOCOL,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true },
    },
  ]);
}

/**
 * Lets the app's page read the answer. Any origin may: the scheme exists only inside this
 * app's session, whose windows can show nothing but the app itself (security.ts).
 */
function readableByTheApp(response: Response): Response {
  response.headers.set('access-control-allow-origin', '*');
  return response;
}

/**
 * oneteam-content://version/<id>. Main only asks the core, which checks that the version is
 * presentable and the file's hash, and streams the file the core names (or its refusal,
 * with the code). Main never builds a path from the request, so nothing else on disk is
 * reachable through it.
 */
export function handleContentProtocol(serve: (versionId: string) => Promise<Result<unknown>>): void {
  protocol.handle(CONTENT_PROTOCOL, async (request) => readableByTheApp(await answer(request, serve)));
}

async function answer(request: Request, serve: (versionId: string) => Promise<Result<unknown>>): Promise<Response> {
  const url = new URL(request.url);
  let versionId: string;
  try {
    versionId = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    versionId = '';
  }
  if (url.hostname !== 'version' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return errorResponse({ code: 'INVALID_INPUT', message: 'Only oneteam-content://version/<id> can be read.' });
  }
  const result = await serve(versionId);
  if (!result.ok) return errorResponse(result.error);
  const file = ServableFile.safeParse(result.value);
  if (!file.success) return errorResponse({ code: 'INTERNAL', message: 'The core sent an unreadable file answer.' });
  return contentResponse(request, file.data);
}

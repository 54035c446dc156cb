import { protocol } from 'electron';
import { CONTENT_PROTOCOL } from '../../src/shared/content';
import type { Result } from '../../src/shared/errors';
import { contentResponse, errorResponse } from '../core/content/http-response';
import { ServableFile } from '../core/content/servable';

/** Before the app is ready: a standard, secure scheme that fetch, <img> and <video> (with range requests) can use. */
export function registerContentScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: CONTENT_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/**
 * oneteam-content://version/<id>. Main only asks the core, which checks that the version is
 * presentable and the file's hash, and streams the file the core names (or its refusal,
 * with the code). Main never builds a path from the request, so nothing else on disk is
 * reachable through it.
 */
export function handleContentProtocol(serve: (versionId: string) => Promise<Result<unknown>>): void {
  protocol.handle(CONTENT_PROTOCOL, async (request) => {
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
  });
}

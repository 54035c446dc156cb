import { CONTENT_PROTOCOL } from '../shared/content';
import { hostToken } from './api/bridge';

/**
 * Where the renderer fetches a content version's file: Electron's custom protocol, or the
 * browser host's equivalent route. Either way the core checks the version and the file's
 * hash first and refuses with an error code.
 */
export function contentUrl(versionId: string): string {
  const id = encodeURIComponent(versionId);
  return window.api
    ? `${CONTENT_PROTOCOL}://version/${id}`
    : `/api/content/${id}?token=${encodeURIComponent(hostToken())}`;
}

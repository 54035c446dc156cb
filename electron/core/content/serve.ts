import { PROBLEM_CODES } from '../../../src/shared/content';
import { AppError } from '../../../src/shared/errors';
import type { CoreContext } from '../context';
import { checkFile } from './file-states';
import type { IndexedVersion } from './library-index';
import type { ServableFile } from './servable';

/** Version ids are UUIDs or similar: anything else (slashes, dots, escapes) is refused before any lookup. */
const VERSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function refuse(version: IndexedVersion, problem: keyof typeof PROBLEM_CODES): never {
  throw new AppError(PROBLEM_CODES[problem], `"${version.title}" v${version.version} cannot be shown: ${problem}.`);
}

/** Looks a version up by an id that is still untrusted input. */
export function versionById(ctx: CoreContext, versionId: unknown): IndexedVersion {
  if (typeof versionId !== 'string' || !VERSION_ID.test(versionId)) {
    throw new AppError('INVALID_INPUT', 'That is not a content version id.', 'versionId');
  }
  const version = ctx.library.get(versionId);
  if (!version)
    throw new AppError('CONTENT_VERSION_MISSING', `There is no content version "${versionId}" on this device.`);
  return version;
}

/**
 * The only way to a content file's bytes: the version must be presentable now (approved,
 * released, not expired, not superseded) and its file must pass the hash check. Anything
 * else is refused with the reason's code. The path comes from the stored SHA-256, never
 * from the request, so no request can name a path.
 */
export function resolveServable(ctx: CoreContext, versionId: unknown, force: boolean): ServableFile {
  const version = versionById(ctx, versionId);
  const now = ctx.now();
  const validity = ctx.library.validityOf(version, now);
  if (validity) refuse(version, validity);
  const file = checkFile(ctx, version, force);
  if (file.problem !== null) refuse(version, file.problem);
  return {
    path: ctx.content.pathOf(version.sha256),
    mime: version.mime,
    size: file.fingerprint.size,
    fingerprint: file.fingerprint,
  };
}

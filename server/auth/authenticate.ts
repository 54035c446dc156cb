import type { Queryable } from '../db/connection';
import { HubError } from '../http/errors';
import { loadDevice, type Caller } from './identity';
import { sameDigest, sha256Hex } from './secrets';

const BEARER = /^Bearer ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Resolves `Authorization: Bearer <deviceId>.<secret>` to the calling device. The device
 * id selects the row; the secret's hash is compared in constant time. Revocation is told
 * only to a caller that holds the right secret, so it cannot be probed.
 */
export async function authenticate(db: Queryable, header: string | undefined): Promise<Caller> {
  if (!header)
    throw new HubError(401, 'TOKEN_MISSING', 'This endpoint needs a device token (Authorization: Bearer …).');
  const match = BEARER.exec(header.trim());
  const deviceId = match?.[1];
  const secret = match?.[2];
  if (!deviceId || !secret) throw new HubError(401, 'TOKEN_INVALID', 'The device token is malformed.');
  const device = await loadDevice(db, deviceId);
  if (!device || !sameDigest(sha256Hex(secret), device.secretHash)) {
    throw new HubError(401, 'TOKEN_INVALID', 'The device token is not valid on this hub.');
  }
  if (device.revokedAt !== null) {
    throw new HubError(401, 'DEVICE_REVOKED', 'This device was revoked by an administrator. Enrol it again.');
  }
  return device.caller;
}

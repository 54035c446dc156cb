import { and, eq, gt, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { EnrolRequest, EnrolResponse } from '../../src/shared/sync-api';
import { hubId, type HubDrizzle } from '../db/connection';
import { devices, enrolmentCodes } from '../db/schema';
import { HubError } from '../http/errors';
import { identityOf, loadDevice } from './identity';
import { newSecret, sha256Hex } from './secrets';

/**
 * Exchanges a one-time enrolment code for a device token. Claiming the code and creating
 * the device happen in one transaction, and the claim is a conditional update, so two
 * devices racing with the same code cannot both win. Only the secret's hash is stored.
 */
export async function enrolDevice(db: HubDrizzle, request: EnrolRequest, now: number): Promise<EnrolResponse> {
  const deviceId = uuidv7({ msecs: now });
  const secret = newSecret();
  const claimed = await db.transaction(async (tx) => {
    const [code] = await tx
      .update(enrolmentCodes)
      .set({ usedAt: now, deviceId })
      .where(
        and(
          eq(enrolmentCodes.codeHash, sha256Hex(request.code)),
          isNull(enrolmentCodes.usedAt),
          gt(enrolmentCodes.expiresAt, now),
        ),
      )
      .returning({ userId: enrolmentCodes.userId });
    if (!code) return false;
    await tx.insert(devices).values({
      id: deviceId,
      userId: code.userId,
      name: request.deviceName,
      secretHash: sha256Hex(secret),
      createdAt: now,
      appVersion: request.appVersion ?? null,
    });
    return true;
  });
  if (!claimed) throw new HubError(401, 'ENROLMENT_INVALID', 'The enrolment code is unknown, already used or expired.');
  const device = await loadDevice(db, deviceId);
  if (!device) throw new Error(`device ${deviceId} vanished after enrolment`);
  return { ...identityOf(device.caller, await hubId(db)), token: `${deviceId}.${secret}` };
}

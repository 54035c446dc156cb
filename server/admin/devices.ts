import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../src/shared/errors';
import { newEnrolmentCode, sha256Hex } from '../auth/secrets';
import type { Queryable } from '../db/connection';
import { devices, enrolmentCodes } from '../db/schema';
import { userIdByEmail } from './people';

const DAY = 86_400_000;

/** A one-time code for the user's next device. Only its hash is stored; the code is shown once. */
export async function createEnrolmentCode(
  db: Queryable,
  email: string,
  now: number,
  validDays = 7,
): Promise<{ code: string; expiresAt: number }> {
  const userId = await userIdByEmail(db, email);
  const code = newEnrolmentCode();
  const expiresAt = now + validDays * DAY;
  await db.insert(enrolmentCodes).values({ codeHash: sha256Hex(code), userId, createdAt: now, expiresAt });
  return { code, expiresAt };
}

/** Revokes a device: from its next request on it gets 401 DEVICE_REVOKED. */
export async function revokeDevice(db: Queryable, deviceId: string, now: number): Promise<void> {
  // Device ids are UUIDs; anything else would reach PostgreSQL as an uncoded cast error.
  if (!z.uuid().safeParse(deviceId).success) throw new AppError('NOT_FOUND', `There is no device ${deviceId}.`);
  const revoked = await db
    .update(devices)
    .set({ revokedAt: now })
    .where(and(eq(devices.id, deviceId), isNull(devices.revokedAt)))
    .returning({ id: devices.id });
  if (revoked.length === 0) throw new AppError('NOT_FOUND', `There is no active device ${deviceId}.`);
}

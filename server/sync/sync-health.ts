import { desc, eq } from 'drizzle-orm';
import type { DeviceHealth, DeviceReport } from '../../src/shared/sync-api';
import type { Queryable } from '../db/connection';
import { devices, users } from '../db/schema';

/** Stores what a device says about itself: its pending outbox and when it last synced. */
export async function recordReport(db: Queryable, deviceId: string, report: DeviceReport, now: number): Promise<void> {
  await db
    .update(devices)
    .set({
      pendingOutbox: report.pendingOutbox,
      oldestPendingAt: report.oldestPendingAt,
      reportedLastSyncAt: report.lastSyncAt,
      reportedAt: now,
      ...(report.appVersion === undefined ? {} : { appVersion: report.appVersion }),
    })
    .where(eq(devices.id, deviceId));
}

/**
 * Every device with its last push and pull as the hub saw them and its outbox as it last
 * reported it: the view that tells an admin which laptops still hold unsynced work.
 */
export async function syncHealth(db: Queryable): Promise<DeviceHealth[]> {
  const rows = await db
    .select({
      deviceId: devices.id,
      deviceName: devices.name,
      user: users.name,
      email: users.email,
      revokedAt: devices.revokedAt,
      enrolledAt: devices.createdAt,
      lastPushAt: devices.lastPushAt,
      lastPullAt: devices.lastPullAt,
      lastCursor: devices.lastCursor,
      pendingOutbox: devices.pendingOutbox,
      oldestPendingAt: devices.oldestPendingAt,
      reportedLastSyncAt: devices.reportedLastSyncAt,
      reportedAt: devices.reportedAt,
      appVersion: devices.appVersion,
    })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .orderBy(users.name, desc(devices.createdAt));
  return rows.map(({ revokedAt, lastCursor, ...row }) => ({
    ...row,
    revoked: revokedAt !== null,
    lastCursor: lastCursor === null ? null : String(lastCursor),
  }));
}

/** Devices that still hold work the hub has not got: a reported non-empty outbox on a live device. */
export function holdsUnsyncedWork(device: DeviceHealth): boolean {
  return !device.revoked && (device.pendingOutbox ?? 0) > 0;
}

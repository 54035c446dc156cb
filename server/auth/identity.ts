import { eq } from 'drizzle-orm';
import { UserRole, type Identity, type Scope } from '../../src/shared/sync-api';
import type { Queryable } from '../db/connection';
import { devices, teams, users, userTerritories } from '../db/schema';

/** Who is calling: the authenticated device, its user and what that user may see. */
export interface Caller {
  deviceId: string;
  userId: string;
  userName: string;
  role: UserRole;
  /** The department (team function) touchpoints from this user carry, when the user has a team. */
  team: string | null;
  scope: Scope;
}

interface DeviceRow {
  caller: Caller;
  secretHash: string;
  revokedAt: number | null;
}

/** The device with its user, team and scope; undefined when there is no such device. */
export async function loadDevice(db: Queryable, deviceId: string): Promise<DeviceRow | undefined> {
  const [row] = await db
    .select({
      secretHash: devices.secretHash,
      revokedAt: devices.revokedAt,
      userId: users.id,
      userName: users.name,
      role: users.role,
      team: teams.function,
    })
    .from(devices)
    .innerJoin(users, eq(users.id, devices.userId))
    .leftJoin(teams, eq(teams.code, users.teamCode))
    .where(eq(devices.id, deviceId));
  if (!row) return undefined;
  const role = UserRole.parse(row.role);
  const caller = {
    deviceId,
    userId: row.userId,
    userName: row.userName,
    role,
    team: row.team,
    scope: await loadScope(db, row.userId, role),
  };
  return { caller, secretHash: row.secretHash, revokedAt: row.revokedAt };
}

export function identityOf(caller: Caller, hubId: string): Identity {
  return {
    hubId,
    deviceId: caller.deviceId,
    user: { id: caller.userId, name: caller.userName, role: caller.role, team: caller.team },
    scope: caller.scope,
  };
}

/** Admin and marketing see every territory; a rep sees the territories assigned to them. */
export async function loadScope(db: Queryable, userId: string, role: UserRole): Promise<Scope> {
  if (role !== 'rep') return { all: true, territories: [] };
  const rows = await db
    .select({ code: userTerritories.territoryCode })
    .from(userTerritories)
    .where(eq(userTerritories.userId, userId))
    .orderBy(userTerritories.territoryCode);
  return { all: false, territories: rows.map((row) => row.code) };
}

export function inScope(scope: Scope, territory: string): boolean {
  return scope.all || scope.territories.includes(territory);
}

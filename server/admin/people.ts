import { eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { Team } from '../../src/shared/domain';
import { AppError } from '../../src/shared/errors';
import { UserRole } from '../../src/shared/sync-api';
import type { Queryable } from '../db/connection';
import { teams, territories, users, userTerritories } from '../db/schema';

const Code = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'use 1–50 letters, digits, "-" or "_"');

export const TerritoryInput = z.object({ code: Code, name: z.string().trim().min(1).max(100) });
export const TeamInput = z.object({ code: Code, name: z.string().trim().min(1).max(100), function: Team });
export const UserInput = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().trim().toLowerCase(),
  role: UserRole,
  team: Code.nullable(),
  territories: z.array(Code).max(100),
});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Creates or renames a territory (idempotent, so setup scripts can run twice). */
export async function addTerritory(db: Queryable, input: unknown, now: number): Promise<string> {
  const { code, name } = parse(TerritoryInput, input);
  await db
    .insert(territories)
    .values({ code, name, createdAt: now })
    .onConflictDoUpdate({ target: territories.code, set: { name } });
  return code;
}

export async function addTeam(db: Queryable, input: unknown, now: number): Promise<string> {
  const team = parse(TeamInput, input);
  await db
    .insert(teams)
    .values({ ...team, createdAt: now })
    .onConflictDoUpdate({ target: teams.code, set: { name: team.name, function: team.function } });
  return team.code;
}

async function assertTerritoriesExist(db: Queryable, codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = await db.select({ code: territories.code }).from(territories).where(inArray(territories.code, codes));
  const missing = codes.filter((code) => !found.some((row) => row.code === code));
  if (missing.length > 0) throw new AppError('NOT_FOUND', `Unknown territories: ${missing.join(', ')}.`);
}

/** Creates a user, or updates the one with this e-mail; territories are replaced by the given list. */
export async function addUser(db: Queryable, input: unknown, now: number): Promise<string> {
  const user = parse(UserInput, input);
  if (user.team !== null) {
    const [team] = await db.select({ code: teams.code }).from(teams).where(eq(teams.code, user.team));
    if (!team) throw new AppError('NOT_FOUND', `There is no team "${user.team}".`);
  }
  await assertTerritoriesExist(db, user.territories);
  const [row] = await db
    .insert(users)
    .values({
      id: uuidv7({ msecs: now }),
      name: user.name,
      email: user.email,
      role: user.role,
      teamCode: user.team,
      createdAt: now,
    })
    .onConflictDoUpdate({ target: users.email, set: { name: user.name, role: user.role, teamCode: user.team } })
    .returning({ id: users.id });
  if (!row) throw new Error('the user upsert returned nothing');
  await db.delete(userTerritories).where(eq(userTerritories.userId, row.id));
  if (user.territories.length > 0) {
    await db
      .insert(userTerritories)
      .values([...new Set(user.territories)].map((territoryCode) => ({ userId: row.id, territoryCode })));
  }
  return row.id;
}

export async function userIdByEmail(db: Queryable, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!row) throw new AppError('NOT_FOUND', `There is no user with e-mail ${email}.`);
  return row.id;
}

export async function listPeople(db: Queryable) {
  const [territoryRows, teamRows, userRows, assignments] = await Promise.all([
    db.select().from(territories).orderBy(territories.code),
    db.select().from(teams).orderBy(teams.code),
    db.select().from(users).orderBy(users.name),
    db.select().from(userTerritories),
  ]);
  return {
    territories: territoryRows,
    teams: teamRows,
    users: userRows.map((user) => ({
      ...user,
      territories: assignments.filter((a) => a.userId === user.id).map((a) => a.territoryCode),
    })),
  };
}

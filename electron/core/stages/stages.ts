import { asc } from 'drizzle-orm';
import type { Stage } from '../../../src/shared/domain';
import { AppError } from '../../../src/shared/errors';
import type { Db } from '../db/connection';
import { stages } from '../db/schema';
import { statement } from '../db/statements';

export function listStages(db: Db): Stage[] {
  return db.select().from(stages).orderBy(asc(stages.position)).all();
}

export function assertStageExists(db: Db, code: string, field = 'stageCode'): void {
  const found = statement(db.$client, 'SELECT 1 FROM stages WHERE code = ?').get(code);
  if (!found) throw new AppError('UNKNOWN_STAGE', `There is no buying stage "${code}".`, field);
}

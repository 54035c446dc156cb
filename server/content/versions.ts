import { eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { ContentState, SyncContentVersion } from '../../src/shared/sync-api';
import type { Queryable } from '../db/connection';
import { blobs, contentItems, contentVersions } from '../db/schema';

/** Content versions as devices receive them: with their item's kind and whether the hub holds the file. */
export async function selectContentVersions(db: Queryable, where?: SQL): Promise<SyncContentVersion[]> {
  const rows = await db
    .select({
      ...getTableColumns(contentVersions),
      itemKind: contentItems.kind,
      blobAvailable: sql<boolean>`${blobs.sha256} IS NOT NULL`,
    })
    .from(contentVersions)
    .innerJoin(contentItems, eq(contentItems.id, contentVersions.itemId))
    .leftJoin(blobs, eq(blobs.sha256, contentVersions.sha256))
    .where(where)
    .orderBy(contentVersions.itemId, contentVersions.version);
  return rows as SyncContentVersion[];
}

/** Where a version stands at `now`. Only `presentable` versions may be shown, offline too. */
export function contentState(version: SyncContentVersion, now: number): ContentState {
  if (version.approval === 'retired') return 'retired';
  if (version.approval === 'draft') return 'draft';
  if (version.validFrom > now) return 'scheduled';
  if (version.validUntil !== null && version.validUntil <= now) return 'expired';
  return 'presentable';
}

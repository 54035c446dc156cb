import { eq, max } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { ContentKind } from '../../src/shared/domain';
import { AppError } from '../../src/shared/errors';
import type { BlobStore } from '../content/blob-store';
import { contentState, selectContentVersions } from '../content/versions';
import type { HubDrizzle, Queryable } from '../db/connection';
import { blobs, contentItems, contentVersions } from '../db/schema';
import { writeTransaction } from '../db/write';

export const PublishInput = z
  .object({
    file: z.string().min(1),
    /** A new version of this item; without it a new item of `kind` is created. */
    itemId: z.string().optional(),
    kind: ContentKind.optional(),
    title: z.string().trim().min(1).max(200),
    language: z.string().trim().min(2).max(10),
    mime: z.string().min(3).max(100),
    pageCount: z.number().int().positive().nullable(),
    tags: z.record(z.string(), z.array(z.string().trim().min(1))),
    keyMessages: z.array(z.string().trim().min(1).max(500)).max(20),
    validFrom: z.number().int().nonnegative(),
    validUntil: z.number().int().nonnegative().nullable(),
    approver: z.string().trim().min(1).max(100),
  })
  .refine((p) => p.itemId !== undefined || p.kind !== undefined, 'a new item needs --kind')
  .refine((p) => p.validUntil === null || p.validUntil > p.validFrom, 'valid-until must be after valid-from');
export type PublishInput = z.input<typeof PublishInput>;

/** Adds a file to the blob store, or registers one already there, so the hub serves it by hash. */
export async function registerBlob(db: Queryable, store: BlobStore, file: string, now: number) {
  const stored = await store.put(file);
  await db.insert(blobs).values({ sha256: stored.sha256, size: stored.size, createdAt: now }).onConflictDoNothing();
  return stored;
}

/**
 * Publishes an approved content version: the file goes into the blob store under its
 * hash, the version (the item's next number) is announced to every device, and devices
 * download it by hash. Validity dates decide when it may be presented.
 */
export async function publishContent(db: HubDrizzle, store: BlobStore, input: PublishInput, now: number) {
  const parsed = PublishInput.safeParse(input);
  if (!parsed.success) throw new AppError('INVALID_INPUT', z.prettifyError(parsed.error));
  const p = parsed.data;
  const stored = await store.put(p.file);
  return writeTransaction(db, async ({ tx, logChanges }) => {
    await tx.insert(blobs).values({ sha256: stored.sha256, size: stored.size, createdAt: now }).onConflictDoNothing();
    let itemId = p.itemId;
    if (itemId === undefined) {
      itemId = uuidv7({ msecs: now });
      await tx.insert(contentItems).values({ id: itemId, kind: p.kind ?? 'pdf', createdAt: now });
    } else {
      const [item] = await tx.select().from(contentItems).where(eq(contentItems.id, itemId));
      if (!item) throw new AppError('NOT_FOUND', `There is no content item ${itemId}.`);
    }
    const [top] = await tx
      .select({ version: max(contentVersions.version) })
      .from(contentVersions)
      .where(eq(contentVersions.itemId, itemId));
    const version = {
      id: uuidv7({ msecs: now }),
      itemId,
      version: (top?.version ?? 0) + 1,
      title: p.title,
      language: p.language,
      approval: 'approved',
      validFrom: p.validFrom,
      validUntil: p.validUntil,
      sha256: stored.sha256,
      size: stored.size,
      mime: p.mime,
      pageCount: p.pageCount,
      tags: p.tags,
      keyMessages: p.keyMessages,
      approvedBy: p.approver,
      createdAt: now,
    };
    await tx.insert(contentVersions).values(version);
    logChanges([{ kind: 'content_version', entityId: version.id, territory: null }]);
    return version;
  });
}

/** Retires a version: devices drop it at their next sync and can no longer present it, offline too. */
export async function retireContent(db: HubDrizzle, versionId: string) {
  await writeTransaction(db, async ({ tx, logChanges }) => {
    const retired = await tx
      .update(contentVersions)
      .set({ approval: 'retired' })
      .where(eq(contentVersions.id, versionId))
      .returning({ id: contentVersions.id });
    if (retired.length === 0) throw new AppError('NOT_FOUND', `There is no content version ${versionId}.`);
    logChanges([{ kind: 'content_version', entityId: versionId, territory: null }]);
  });
}

export async function listContent(db: Queryable, now: number) {
  return (await selectContentVersions(db)).map((v) => ({ ...v, state: contentState(v, now) }));
}

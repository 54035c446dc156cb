import { z } from 'zod';
import { ResultEnvelope } from '../../src/shared/schemas';

/**
 * Messages between the Electron main process and the core process. Both ends parse what
 * they receive: a message is `unknown` until one of these schemas accepts it.
 */
export const CoreInit = z.object({
  type: z.literal('init'),
  dataDir: z.string(),
  migrationsFolder: z.string(),
  demoDatasetFile: z.string().optional(),
  nativeBinding: z.string().optional(),
  version: z.string(),
  /** The device token, decrypted by main with safeStorage; the core hands changes back in a `secret` message. */
  deviceToken: z.string().nullable().optional(),
  /** Whether main can keep a device token encrypted by the OS (safeStorage with a real keychain). */
  secureStorage: z.boolean(),
});
export type CoreInit = z.infer<typeof CoreInit>;

export const ToCore = z.discriminatedUnion('type', [
  CoreInit,
  z.object({ type: z.literal('call'), id: z.number().int(), method: z.string(), input: z.unknown() }),
  /** Main's content protocol asks for a file; the answer is a `result` with a ServableFile or the refusal. */
  z.object({ type: z.literal('serve'), id: z.number().int(), versionId: z.unknown() }),
]);
export type ToCore = z.infer<typeof ToCore>;

export const FromCore = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), id: z.number().int(), result: ResultEnvelope }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('secret'), token: z.string().nullable() }),
]);
export type FromCore = z.infer<typeof FromCore>;

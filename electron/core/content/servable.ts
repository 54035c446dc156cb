import { z } from 'zod';

/**
 * A file the core has just found presentable and intact, for Electron's main process or
 * the browser host to stream. It crosses from the core process to main, so main parses it.
 */
export const ServableFile = z.object({
  path: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  /** The file as it was when checked; the streamer refuses a file that no longer matches. */
  fingerprint: z.object({
    size: z.number(),
    mtimeMs: z.number(),
    ctimeMs: z.number(),
    ino: z.number(),
  }),
});
export type ServableFile = z.infer<typeof ServableFile>;

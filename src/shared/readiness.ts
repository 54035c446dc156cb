import { z } from 'zod';
import { Id, Timestamp } from './domain';

/** The checks of the show/visit readiness screen, each with what to do when it fails. */
export const READINESS_CHECKS = ['content', 'deck_validity', 'outbox', 'disk', 'consent', 'last_pull'] as const;

export const ReadinessCheck = z.object({
  id: z.enum(READINESS_CHECKS),
  ok: z.boolean(),
  /** Numbers and names for the sentence the screen shows. */
  facts: z.record(z.string(), z.union([z.string(), z.number()])),
  /** What failed, item by item (content titles, deck items). */
  items: z.array(z.string()),
});
export type ReadinessCheck = z.infer<typeof ReadinessCheck>;

export const ReadinessInput = z
  .object({ eventId: Id.optional(), accountId: Id.optional() })
  .strict()
  .refine((input) => (input.eventId === undefined) !== (input.accountId === undefined), {
    message: 'an event or an account',
  });

export const Readiness = z.object({
  subject: z.string(),
  /** Until when the material must stay valid: the event's last day, or the end of today for a visit. */
  until: Timestamp,
  ready: z.boolean(),
  checks: z.array(ReadinessCheck),
});
export type Readiness = z.infer<typeof Readiness>;

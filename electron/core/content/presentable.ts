/**
 * Whether a content version may be shown or sent right now, judged on the device clock so
 * it holds offline: approved, released (now ≥ valid-from) and not expired (now < valid-until).
 * The file-integrity half of the rule lives with the content store.
 */
export type Unpresentable = 'not_approved' | 'retired' | 'not_yet_released' | 'expired';

export interface VersionValidity {
  approval: string;
  validFrom: number;
  validUntil: number | null;
}

export function validityProblem(version: VersionValidity, now: number): Unpresentable | null {
  if (version.approval === 'retired') return 'retired';
  if (version.approval !== 'approved') return 'not_approved';
  if (now < version.validFrom) return 'not_yet_released';
  if (version.validUntil !== null && now >= version.validUntil) return 'expired';
  return null;
}

/** SQL form of the same rule, for queries over content_versions aliased as `v`. */
export const VALID_NOW_SQL =
  "v.approval = 'approved' AND v.valid_from <= :now AND (v.valid_until IS NULL OR v.valid_until > :now)";

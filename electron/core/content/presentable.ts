import type { ContentProblem, FileProblem, ValidityProblem } from '../../../src/shared/content';
import { FILE_PROBLEMS } from '../../../src/shared/content';

/**
 * The one rule for whether a content version may be shown or sent right now, judged on
 * the device clock so it holds offline:
 *
 * - approved (not a draft, not retired);
 * - released: now ≥ valid-from;
 * - not expired: now < valid-until (a version is expired at its valid-until instant);
 * - not superseded: no newer version of the same item has been released (a version with
 *   no valid-until is "valid until superseded", as the files themselves print);
 * - its file is on this device and intact (hash checked), of a type we can show, and not
 *   known to fail rendering.
 *
 * Booth follow-ups, the library, decks, the viewer and the presenter all ask this module.
 */

export interface VersionValidity {
  version: number;
  approval: string;
  validFrom: number;
  validUntil: number | null;
}

/** Whether a newer, released, non-draft version of the same item replaces this one. */
export function isSuperseded(version: VersionValidity, siblings: readonly VersionValidity[], now: number): boolean {
  return siblings.some(
    (other) => other.version > version.version && other.approval !== 'draft' && other.validFrom <= now,
  );
}

export function validityProblem(
  version: VersionValidity,
  now: number,
  siblings: readonly VersionValidity[] = [],
): ValidityProblem | null {
  if (version.approval === 'retired') return 'retired';
  if (version.approval !== 'approved') return 'not_approved';
  if (now < version.validFrom) return 'not_yet_released';
  if (isSuperseded(version, siblings, now)) return 'superseded';
  if (version.validUntil !== null && now >= version.validUntil) return 'expired';
  return null;
}

/** What the store knows of a file: nothing (not on this device), or its last check's verdict. */
export interface StoredFileState {
  problem: string | null;
}

export function fileProblem(file: StoredFileState | undefined): FileProblem | null {
  if (!file) return 'missing_file';
  if (file.problem === null) return null;
  // A verdict this build does not know (from a newer build) still means "do not show".
  return (FILE_PROBLEMS as readonly string[]).includes(file.problem) ? (file.problem as FileProblem) : 'corrupted';
}

export function presentabilityProblem(
  version: VersionValidity,
  file: StoredFileState | undefined,
  now: number,
  siblings: readonly VersionValidity[] = [],
): ContentProblem | null {
  return validityProblem(version, now, siblings) ?? fileProblem(file);
}

/** SQL form of `isSuperseded` (negated) for content_versions aliased as `v`. */
export const NOT_SUPERSEDED_SQL = `NOT EXISTS (SELECT 1 FROM content_versions n
   WHERE n.item_id = v.item_id AND n.version > v.version AND n.approval <> 'draft' AND n.valid_from <= :now)`;

/**
 * SQL form of the same rule, for queries over content_versions aliased as `v` with a
 * `:now` parameter. The file half reads the store's last verdict; the store checks the
 * hash again before any byte is served.
 */
export const VALID_NOW_SQL = `v.approval = 'approved' AND v.valid_from <= :now
  AND (v.valid_until IS NULL OR v.valid_until > :now) AND ${NOT_SUPERSEDED_SQL}
  AND EXISTS (SELECT 1 FROM content_files f WHERE f.sha256 = v.sha256 AND f.problem IS NULL)`;

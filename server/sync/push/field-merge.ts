import { isDeepStrictEqual } from 'node:util';
import { compareHlc, type Hlc } from '../../../src/shared/sync-api';

/** A mutable field as the hub holds it: its value and the clock of the write that set it (null = never edited). */
export interface HeldField {
  value: unknown;
  hlc: Hlc | null;
}

/** A device's change to one field: the new value, its clock, and the hub clock it was based on. */
export interface FieldEdit {
  value: unknown;
  hlc: Hlc;
  baseHlc: Hlc | null;
}

export type MergeOutcome =
  /** The device had seen the value it replaces: take the edit, no question to ask. */
  | { kind: 'take' }
  /** Concurrent edits that agree: keep the newer clock, nothing to ask. */
  | { kind: 'agree'; hlc: Hlc | null }
  /** Concurrent edits that differ: the newer clock wins and the device is told both values. */
  | { kind: 'conflict'; kept: 'yours' | 'theirs' };

const newer = (a: Hlc, b: Hlc | null) => b === null || compareHlc(a, b) > 0;

/**
 * The hub's rule for one field (last writer wins by hybrid logical clock, with conflicts
 * made visible):
 * - the edit's base clock equals the held clock (the device saw the current value) and
 *   the edit is newer: take it;
 * - otherwise someone else changed the field since this device last saw it: if the two
 *   values are equal there is nothing to decide; if not, the newer clock is kept and the
 *   push result reports a conflict with both values, so the app can ask the rep. The
 *   rep's choice comes back as a new edit based on the kept clock, which is then taken.
 */
export function mergeField(held: HeldField, edit: FieldEdit): MergeOutcome {
  const sawHeld = edit.baseHlc === held.hlc;
  if (sawHeld && newer(edit.hlc, held.hlc)) return { kind: 'take' };
  if (isDeepStrictEqual(edit.value, held.value)) {
    return { kind: 'agree', hlc: newer(edit.hlc, held.hlc) ? edit.hlc : held.hlc };
  }
  return { kind: 'conflict', kept: newer(edit.hlc, held.hlc) ? 'yours' : 'theirs' };
}

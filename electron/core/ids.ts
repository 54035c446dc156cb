import { v7 as uuidv7 } from 'uuid';

/** UUIDv7: time-ordered, so ids sort by creation and the hub can use them as mutation ids. */
export function newId(now: number): string {
  return uuidv7({ msecs: now });
}

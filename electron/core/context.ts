import type { EventName, EventPayload } from '../../src/shared/contract';
import type { Connection } from './db/connection';
import type { ContactMatcher } from './capture/matcher';
import type { ContentLibrary } from './content/library-index';
import type { ContentStore } from './content/store';
import type { AccountSearchIndex } from './search/account-index';

/** What every domain module needs, handed in rather than imported, so tests can build one. */
export interface CoreContext {
  conn: Connection;
  accountIndex: AccountSearchIndex;
  matcher: ContactMatcher;
  /** Content files, by SHA-256, under the data folder. */
  content: ContentStore;
  /** Every content version and file verdict, in memory, for search and the presentability rule. */
  library: ContentLibrary;
  /** The core's own folder (database, exports, content files). */
  dataDir: string;
  deviceId: string;
  now: () => number;
  /** Tells every window something changed. Call only after the write committed. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
}

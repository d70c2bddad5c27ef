import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { deleteDatabase, offlineDatabaseName, rememberDatabase, trackOpenStore } from './offline-store';
import type { OfflineStore } from './sync-client';

/** An OfflineStore factory for SyncClient: every doc of this person is kept in IndexedDB. */
export function indexedDbOfflineStore(userId: string): (docId: string, doc: Y.Doc) => OfflineStore {
  return (docId, doc) => {
    if (typeof indexedDB === 'undefined') return { whenLoaded: Promise.resolve(), whenAvailable: Promise.resolve(false), destroy: () => undefined };
    const name = offlineDatabaseName(userId, docId);
    rememberDatabase(name);
    const persistence = new IndexeddbPersistence(name, doc);
    const untrack = trackOpenStore(() => persistence.destroy().catch(() => undefined));
    // A browser that refuses IndexedDB (private windows, full disk) must still open the
    // board online: treat a failed open as "nothing stored".
    const whenLoaded = persistence._db.then(
      () => persistence.whenSynced,
      () => undefined,
    );
    return {
      whenLoaded,
      whenAvailable: persistence._db.then(
        () => true,
        () => false,
      ),
      destroy: async () => {
        untrack();
        await persistence.destroy().catch(() => undefined);
      },
      clear: async () => {
        untrack();
        await persistence.destroy().catch(() => undefined);
        await deleteDatabase(name);
      },
    };
  };
}

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
    commitEachWrite(persistence, doc);
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

/**
 * y-indexeddb writes each change in a transaction of its own and leaves it to commit by
 * itself. In Chromium that takes a round trip between the page and the storage process
 * after the write (the request has a success handler), and a page that is gone by then
 * leaves the write uncommitted (w3c/IndexedDB#482): a change made just as the page reloads
 * or closes could be missing from the offline copy. Calling `commit()` right after the write
 * sends the commit with it. Only that write's transaction is committed early: y-indexeddb's
 * other transactions (loading, compacting) place requests from callbacks and must stay open.
 * Relies on two fields y-indexeddb declares in its types (`_db`, `_storeUpdate`); if a later
 * version drops them, writes commit as before.
 */
function commitEachWrite(persistence: IndexeddbPersistence, doc: Y.Doc): void {
  const write = persistence._storeUpdate;
  if (typeof write !== 'function' || typeof IDBTransaction === 'undefined' || typeof IDBTransaction.prototype.commit !== 'function') return;
  let opened: IDBTransaction | null = null;
  void persistence._db.then(
    (db) => {
      const open = db.transaction.bind(db);
      db.transaction = ((...args: Parameters<IDBDatabase['transaction']>) => (opened = open(...args))) as IDBDatabase['transaction'];
    },
    () => undefined,
  );
  const writeAndCommit = (update: Uint8Array, origin: unknown) => {
    opened = null;
    write(update, origin);
    const transaction = opened as IDBTransaction | null;
    opened = null;
    try {
      transaction?.commit();
    } catch {
      // Already finished or aborted: nothing left to commit.
    }
  };
  doc.off('update', write);
  doc.on('update', writeAndCommit);
  // destroy() unsubscribes `_storeUpdate`.
  persistence._storeUpdate = writeAndCommit;
}

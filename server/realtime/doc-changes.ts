import * as Y from 'yjs';

/** Whether a transaction added content or deleted anything not deleted before. */
export function changedAnything(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (clock !== (tr.beforeState.get(client) ?? 0)) return true;
  return false;
}

/**
 * Whether `doc` already has everything in `update` (a trusted log row): every struct below
 * its clock and every deleted item deleted. Cheaper than applying it (every Yjs
 * transaction builds the doc's state vector before and after); a row that cannot be
 * decoded counts as not held.
 */
export function holdsAllOf(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  const store = doc.store;
  for (const s of decoded.structs) if (s.id.clock + s.length > Y.getState(store, s.id.client)) return false;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const r of ranges) {
      // Walk the structs covering the range: each must exist here and be deleted.
      for (let clock = r.clock; clock < r.clock + r.len; ) {
        if (clock >= Y.getState(store, client)) return false;
        const struct = Y.getItem(store, Y.createID(client, clock));
        if (!struct.deleted) return false;
        clock = struct.id.clock + struct.length;
      }
    }
  }
  return true;
}

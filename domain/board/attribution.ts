import * as Y from 'yjs';

export type ChangeKind = 'created' | 'edited' | 'deleted' | 'commented' | 'reacted';

export interface ChangeRecord {
  kind: ChangeKind;
  /** `<root>/<key>`: e.g. `notes/<noteId>`, `columns/<columnId>`, `meta/title`. */
  targetItem: string;
  /** Yjs clientID that created the target item; the server maps it to a person. */
  targetCreatorClientId: number | null;
  /** Number of Yjs structs involved: a rough measure of the contribution's size. */
  size: number;
}

interface TopLevel {
  target: string;
  topItem: Y.Item;
  /** Keys below the target, outermost first, e.g. ['comments'] or ['text']. */
  path: string[];
}

function rootName(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
  for (const [name, t] of doc.share) if (t === type) return name;
  return '?';
}

function arrayElementKey(item: Y.Item): string {
  const content = item.content;
  if (content instanceof Y.ContentType && content.type instanceof Y.Map) {
    const id = content.type.get('id');
    if (typeof id === 'string') return id;
  }
  return `${item.id.client}.${item.id.clock}`;
}

function topLevelOf(doc: Y.Doc, item: Y.Item): TopLevel | null {
  const path: string[] = [];
  let cur = item;
  for (let depth = 0; depth < 64; depth++) {
    const parent = cur.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    const parentItem = parent._item;
    if (parentItem === null) {
      const root = rootName(doc, parent);
      const key = cur.parentSub ?? arrayElementKey(cur);
      return { target: `${root}/${key}`, topItem: cur, path };
    }
    path.unshift(cur.parentSub ?? '#');
    cur = parentItem;
  }
  return null;
}

function insertedItems(tr: Y.Transaction): Y.Item[] {
  const out: Y.Item[] = [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client) ?? [];
    // New structs sit at the end of the client's list.
    for (let i = structs.length - 1; i >= 0; i--) {
      const s = structs[i];
      if (!s || s.id.clock + s.length <= before) break;
      if (s instanceof Y.Item) out.push(s);
    }
  }
  return out;
}

/**
 * What a transaction changed, per board item: created, edited, deleted, commented or
 * reacted. Pure: derived from the Yjs structs the transaction inserted and deleted.
 */
export function describeTransaction(tr: Y.Transaction): ChangeRecord[] {
  const records = new Map<string, ChangeRecord>();
  const inserted = insertedItems(tr);
  const insertedSet = new Set(inserted);
  const add = (kind: ChangeKind, top: TopLevel) => {
    const key = `${kind}|${top.target}`;
    const existing = records.get(key);
    if (existing) existing.size++;
    else records.set(key, { kind, targetItem: top.target, targetCreatorClientId: top.topItem.id.client, size: 1 });
  };
  const kindFor = (top: TopLevel, isTopCreated: boolean): ChangeKind => {
    if (isTopCreated) return 'created';
    if (top.path[0] === 'comments') return 'commented';
    if (top.path[0] === 'reactions') return 'reacted';
    return 'edited';
  };
  for (const item of inserted) {
    const top = topLevelOf(tr.doc, item);
    if (top) add(kindFor(top, insertedSet.has(top.topItem)), top);
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || insertedSet.has(struct)) return;
    const top = topLevelOf(tr.doc, struct);
    if (!top) return;
    // Overwriting a map key deletes the old value: that is an edit of the parent, not a deletion.
    if (struct === top.topItem) {
      const replaced = struct.parentSub !== null && inserted.some((i) => i.parent === struct.parent && i.parentSub === struct.parentSub);
      add(replaced ? 'edited' : 'deleted', top);
    } else add(kindFor(top, false), top);
  });
  // A created item's own content is part of its creation, and a deleted item's content
  // goes with it: neither is a separate edit, comment or reaction.
  for (const r of [...records.values()]) {
    const isPartOfWhole = records.has(`created|${r.targetItem}`) || records.has(`deleted|${r.targetItem}`);
    if (r.kind !== 'created' && r.kind !== 'deleted' && isPartOfWhole) records.delete(`${r.kind}|${r.targetItem}`);
  }
  return [...records.values()];
}

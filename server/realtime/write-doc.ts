import type { Party } from '../../domain/partnership/roles';
import * as Y from 'yjs';
import { SERVER_CLIENT_ID } from '../../domain/sync/protocol';
import type { ParticipationRow } from './persistence';
import { appendUpdates, readStoredDoc } from './persistence';
import { realtimeService } from './service';

/**
 * Writes server-made content into a doc. With the realtime layer running, the live room
 * applies, relays and persists it; without it (scripts, seeding, in-process tests), the
 * stored doc is loaded and the change appended to its log.
 */
export async function writeDoc(docId: string, change: (doc: Y.Doc) => void, events: ParticipationRow[] = []): Promise<void> {
  // The change runs on a doc built with *this* module's Yjs; only bytes cross over.
  const build = (state: Uint8Array): Uint8Array => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    doc.clientID = SERVER_CLIENT_ID;
    const before = Y.encodeStateVector(doc);
    doc.transact(() => change(doc), 'server');
    return Y.encodeStateAsUpdate(doc, before);
  };
  const service = realtimeService();
  if (service) return service.writeDoc(docId, build, events);
  const stored = await readStoredDoc(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  await appendUpdates(docId, [{ update: build(Y.encodeStateAsUpdate(doc)), actorId: null, claimClients: [], events }]);
}

export function notifyRecords(docId: string, kind: string, parties?: readonly Party[]): void {
  realtimeService()?.notifyRecords(docId, kind, parties);
}

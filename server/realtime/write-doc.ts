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
  const service = realtimeService();
  if (service) return service.writeDoc(docId, change, events);
  const stored = await readStoredDoc(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  doc.clientID = SERVER_CLIENT_ID;
  const before = Y.encodeStateVector(doc);
  doc.transact(() => change(doc), 'server');
  const update = Y.encodeStateAsUpdate(doc, before);
  await appendUpdates(docId, [{ update, actorId: null, claimClients: [], events }]);
}

export function notifyRecords(docId: string, kind: string): void {
  realtimeService()?.notifyRecords(docId, kind);
}

import * as Y from 'yjs';
import { afterAll, expect, it } from 'vitest';
import { appendUpdates, compactDoc, readStoredDoc } from '../../server/realtime/persistence';
import { YjsWorkerPool } from '../../server/realtime/yjs-worker-pool';
import { describeEachBackend } from '../support/db';

const pool = new YjsWorkerPool(1);
afterAll(() => pool.close());

function load(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describeEachBackend('compaction', () => {
  it('folds a long log into one snapshot in one transaction and loads the same state', async () => {
    const docId = 'board:11111111-1111-4111-8111-111111111111';
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 3000; i++) source.getText('t').insert(i, String(i % 10));
    for (let i = 0; i < updates.length; i += 500) {
      await appendUpdates(
        docId,
        updates.slice(i, i + 500).map((update) => ({ update, actorId: null, claimClients: [], events: [] })),
      );
    }
    const before = await readStoredDoc(docId);
    expect(before.logLength).toBe(3000);
    expect(await compactDoc(docId, pool)).toEqual({ folded: 3000 });
    const after = await readStoredDoc(docId);
    expect(after.logLength).toBe(0);
    expect(after.snapshot).not.toBeNull();
    expect(load(after).getText('t').toString()).toBe(source.getText('t').toString());

    // Updates written after compaction are kept and load on top of the snapshot.
    source.getText('t').insert(0, 'new ');
    await appendUpdates(docId, [{ update: updates[updates.length - 1] ?? new Uint8Array(), actorId: null, claimClients: [], events: [] }]);
    const latest = await readStoredDoc(docId);
    expect(latest.logLength).toBe(1);
    expect(load(latest).getText('t').toString()).toBe(source.getText('t').toString());
    expect(await compactDoc(docId, pool)).toEqual({ folded: 1 });
    expect(load(await readStoredDoc(docId)).getText('t').toString()).toBe(source.getText('t').toString());
  });
});

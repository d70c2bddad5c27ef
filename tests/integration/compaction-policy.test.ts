import * as Y from 'yjs';
import { afterAll, expect, it } from 'vitest';
import type { CompactionPolicy, RoomOutlet } from '../../server/realtime/doc-room';
import { DocRoom } from '../../server/realtime/doc-room';
import { readStoredDoc } from '../../server/realtime/persistence';
import { UpdateLogWriter } from '../../server/realtime/update-log-writer';
import { YjsWorkerPool } from '../../server/realtime/yjs-worker-pool';
import { describeEachBackend } from '../support/db';

const pool = new YjsWorkerPool(1);
afterAll(() => pool.close());

const outlet: RoomOutlet = { emitSync: () => undefined, emitSyncTo: () => undefined, emitAwareness: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A room on a fresh doc id, and a source doc whose edits are written through it one by one. */
async function roomWith(policy: CompactionPolicy, docId: string) {
  const room = await DocRoom.load(docId, { pool, writer: new UpdateLogWriter(), bus: null, outlet, compaction: policy });
  const source = new Y.Doc();
  let n = 0;
  const edit = async () => {
    let update: Uint8Array | null = null;
    const keep = (u: Uint8Array) => (update = u);
    source.once('update', keep);
    source.getText('t').insert(source.getText('t').length, String(n++ % 10));
    if (!update) throw new Error('no update');
    await room.applyServerUpdate(update, []);
  };
  return { room, source, edit };
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(25);
  }
  return check();
}

describeEachBackend('compaction policy of a live doc', () => {
  it('does not fold the log while the doc is busy, and folds it once the doc goes quiet', async () => {
    const { room, source, edit } = await roomWith({ after: 5, quietMs: 400, hardLimit: 1000 }, 'board:22222222-2222-4222-8222-222222222222');
    try {
      // Eight edits, each well within the quiet period of the one before.
      for (let i = 0; i < 8; i++) {
        await edit();
        await sleep(60);
      }
      expect((await readStoredDoc(room.docId)).logLength).toBe(8);
      // Quiet now: the log is folded into a snapshot that holds every edit.
      expect(await waitFor(async () => (await readStoredDoc(room.docId)).logLength === 0, 5000)).toBe(true);
      const stored = await readStoredDoc(room.docId);
      const loaded = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(loaded, stored.snapshot);
      expect(loaded.getText('t').toString()).toBe(source.getText('t').toString());
      expect(room.doc.getText('t').toString()).toBe(source.getText('t').toString());
    } finally {
      await room.close();
    }
  });

  it('folds at once when the log reaches the hard limit, even while the doc is busy', async () => {
    const { room, source, edit } = await roomWith({ after: 5, quietMs: 60_000, hardLimit: 20 }, 'board:33333333-3333-4333-8333-333333333333');
    try {
      for (let i = 0; i < 19; i++) await edit();
      await sleep(300);
      expect((await readStoredDoc(room.docId)).logLength).toBe(19);
      await edit();
      expect(await waitFor(async () => (await readStoredDoc(room.docId)).logLength < 20, 5000)).toBe(true);
      const stored = await readStoredDoc(room.docId);
      const loaded = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(loaded, stored.snapshot);
      for (const u of stored.updates) Y.applyUpdate(loaded, u);
      expect(loaded.getText('t').toString()).toBe(source.getText('t').toString());
    } finally {
      await room.close();
    }
  });
});

import * as Y from 'yjs';
import { afterAll, expect, it } from 'vitest';
import { appendUpdates, compactDoc, readStoredDoc, readUpdatesSince, writeSnapshot } from '../../server/realtime/persistence';
import { getRawClient } from '../../db/client';
import { YjsWorkerPool } from '../../server/realtime/yjs-worker-pool';
import { describeEachBackend } from '../support/db';
import { waitUntilBlocked } from '../support/pg';

const pool = new YjsWorkerPool(1);
afterAll(() => pool.close());

function load(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

/** A log of three rows writing 'one two three' into the text `t`, one row per word. */
async function logOfThreeWords(docId: string): Promise<{ source: Y.Doc; updates: Uint8Array[]; ids: number[] }> {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  for (const word of ['one ', 'two ', 'three']) source.getText('t').insert(source.getText('t').length, word);
  const ids: number[] = [];
  for (const update of updates) ids.push(await appendUpdates(docId, [{ update, actorId: null, claimClients: [], events: [] }]));
  return { source, updates, ids };
}

describeEachBackend('compaction', ({ backend }) => {
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

  it('gives the catch-up only the rows it does not hold, and the snapshot only once another node compacted past it', async () => {
    const docId = 'board:33333333-3333-4333-8333-333333333333';
    const { updates, ids } = await logOfThreeWords(docId);
    const [first, second, third] = ids;
    if (first === undefined || second === undefined || third === undefined) throw new Error('three rows expected');

    // The first row is held: only the other two come back, with their bytes, in order.
    const asked: number[] = [];
    const since = await readUpdatesSince(docId, 0, (id) => {
      asked.push(id);
      return id === first;
    });
    expect(asked.sort((a, b) => a - b)).toEqual(ids);
    expect(since.snapshot).toBeNull();
    expect(since.rows.map((r) => r.id)).toEqual([second, third]);
    expect(since.rows.map((r) => Buffer.from(r.update))).toEqual([Buffer.from(updates[1] ?? []), Buffer.from(updates[2] ?? [])]);
    expect(since.lastUpdateId).toBe(third);
    // Everything held: nothing to read but ids.
    expect(await readUpdatesSince(docId, third, () => true)).toEqual({ snapshot: null, rows: [], lastUpdateId: third });

    // Another node compacts the whole log: a node that had seen only the first row gets the
    // snapshot; one that had seen everything does not read it.
    await compactDoc(docId, pool);
    const behind = await readUpdatesSince(docId, first, (id) => id === first);
    expect(behind.rows).toEqual([]);
    expect(load({ snapshot: behind.snapshot, updates: [] }).getText('t').toString()).toBe('one two three');
    expect(behind.lastUpdateId).toBe(third);
    expect((await readUpdatesSince(docId, third, () => false)).snapshot).toBeNull();
  });

  it('catches up completely while another node keeps compacting the log under it', async () => {
    const docId = 'board:44444444-4444-4444-8444-444444444444';
    const source = new Y.Doc();
    const pending: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => pending.push(u));
    const reader = new Y.Doc();
    const held = new Set<number>();
    let last = 0;
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 400; i++) {
        source.getText('t').insert(source.getText('t').length, `${i} `);
        const update = pending.shift();
        if (update) await appendUpdates(docId, [{ update, actorId: null, claimClients: [], events: [] }]);
      }
      writing = false;
    })();
    const compactor = (async () => {
      while (writing) await compactDoc(docId, pool);
    })();
    // The catch-up as a node runs it, in a tight loop so that compactions land between its reads.
    const catchUp = async () => {
      const since = await readUpdatesSince(docId, last, (id) => held.has(id));
      if (since.snapshot) Y.applyUpdate(reader, since.snapshot);
      for (const row of since.rows) {
        held.add(row.id);
        Y.applyUpdate(reader, row.update);
      }
      last = Math.max(last, since.lastUpdateId);
    };
    while (writing) await catchUp();
    await Promise.all([writer, compactor]);
    await catchUp();
    expect(reader.getText('t').toString()).toBe(source.getText('t').toString());
  });

  // Only a server with concurrent connections can commit a lower id after a higher one, so
  // this runs in the PostgreSQL pass only (it is not defined, rather than skipped, for PGlite).
  if (backend === 'postgres') it('keeps a row whose lower id became visible after the compaction read the log', async () => {
    const docId = 'board:22222222-2222-4222-8222-222222222222';
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (const word of ['one ', 'two ', 'three']) source.getText('t').insert(source.getText('t').length, word);
    const [first, late, last] = updates;
    if (!first || !late || !last) throw new Error('three updates expected');
    await appendUpdates(docId, [{ update: first, actorId: null, claimClients: [], events: [] }]);
    // Another node's write: its row takes an id now and commits later.
    const raw = getRawClient();
    if (raw.kind !== 'postgres') throw new Error('PostgreSQL expected');
    const other = await raw.pool.connect();
    try {
      await other.query('begin');
      await other.query('insert into doc_updates (doc_id, update) values ($1, $2)', [docId, Buffer.from(late)]);
      await appendUpdates(docId, [{ update: last, actorId: null, claimClients: [], events: [] }]);
      // The compaction reads the log (the late row is not visible yet) and folds it…
      const read = await readStoredDoc(docId);
      expect(read.logLength).toBe(2);
      const folded = new Y.Doc();
      for (const u of read.updates) Y.applyUpdate(folded, u);
      // …the late row commits before the compaction writes its snapshot…
      await other.query('commit');
      await writeSnapshot(docId, Y.encodeStateAsUpdate(folded), read.lastUpdateId, read.rowIds);
    } finally {
      other.release();
    }
    // …and is still in the log, so the doc loads whole.
    const after = await readStoredDoc(docId);
    expect(after.logLength).toBe(1);
    expect(load(after).getText('t').toString()).toBe('one two three');
  });

  // Another node's compaction commits between reading the snapshot and reading the rows:
  // its table lock holds the rows' read back until it commits (PostgreSQL pass only).
  async function compactingDuring<T>(docId: string, read: () => Promise<T>): Promise<{ source: Y.Doc; ids: number[]; result: T }> {
    const { source, ids } = await logOfThreeWords(docId);
    const raw = getRawClient();
    if (raw.kind !== 'postgres') throw new Error('PostgreSQL expected');
    const other = await raw.pool.connect();
    try {
      const { rows: [holder] } = await other.query<{ pid: number }>('select pg_backend_pid() as pid');
      await other.query('begin');
      await other.query('lock table doc_updates in access exclusive mode');
      await other.query('insert into doc_snapshots (doc_id, state, covers_update_id) values ($1, $2, $3)', [docId, Buffer.from(Y.encodeStateAsUpdate(source)), Math.max(...ids)]);
      await other.query('delete from doc_updates where doc_id = $1', [docId]);
      const reading = read();
      // The read has looked at the snapshot (none yet) and waits for the rows.
      await waitUntilBlocked(raw.pool, holder?.pid ?? 0);
      await other.query('commit');
      return { source, ids, result: await reading };
    } finally {
      other.release();
    }
  }

  if (backend === 'postgres') it('loads the snapshot and the rows as of one moment while another node compacts', async () => {
    const { result } = await compactingDuring('board:66666666-6666-4666-8666-666666666666', () => readStoredDoc('board:66666666-6666-4666-8666-666666666666'));
    // Before: no snapshot and no rows, an empty doc (and a compaction built on that read
    // would have stored it as the snapshot).
    expect(load(result).getText('t').toString()).toBe('one two three');
  });

  if (backend === 'postgres') it('catches up with a compaction that commits during its read', async () => {
    const docId = 'board:77777777-7777-4777-8777-777777777777';
    const { result: since, ids } = await compactingDuring(docId, () => readUpdatesSince(docId, 0));
    // Before: no rows (deleted) and no snapshot (none when looked at): nothing, for good.
    const doc = load({ snapshot: since.snapshot, updates: since.rows.map((r) => r.update) });
    expect(doc.getText('t').toString()).toBe('one two three');
    expect(since.lastUpdateId).toBe(Math.max(...ids));
  });
});

import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerTimeoutError, YjsWorkerPool } from '../../server/realtime/yjs-worker-pool';

describe('Yjs worker pool', () => {
  const pool = new YjsWorkerPool(2, 64);
  afterAll(() => pool.close());

  it('merges a long log by applying it into a Y.Doc', async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 5000; i++) doc.getText('t').insert(i, 'x');
    const { state } = await pool.merge(null, updates);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, state);
    expect(copy.getText('t').length).toBe(5000);
  });

  it('kills a task that overruns its time limit, replaces the worker, and keeps serving', async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 20000; i++) doc.getText('t').insert(0, 'y');
    await expect(pool.merge(null, updates, 1)).rejects.toBeInstanceOf(WorkerTimeoutError);
    const ok = await pool.validate({ update: Y.encodeStateAsUpdate(doc), stateVector: [], ownClients: [], foreignClients: [] });
    expect(ok.ok).toBe(true);
  });

  it('answers garbage with a rejection, never a crash', async () => {
    for (let i = 0; i < 200; i++) {
      const bytes = new Uint8Array(1 + (i % 40)).map(() => Math.floor(Math.random() * 256));
      const r = await pool.validate({ update: bytes, stateVector: [], ownClients: [], foreignClients: [] }).catch(() => ({ ok: false }));
      expect(typeof r.ok).toBe('boolean');
    }
  });
});

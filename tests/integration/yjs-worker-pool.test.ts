import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { PoolOptions } from '../../server/realtime/yjs-worker-pool';
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

describe('Yjs worker pool sizing', () => {
  const logOf = (n: number) => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < n; i++) doc.getText('t').insert(i, 'x');
    return updates;
  };
  const emptyValidate = { update: Y.encodeStateAsUpdate(new Y.Doc()), stateVector: [], ownClients: [], foreignClients: [] };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Waits (up to 5 s) until `check` holds: worker start-up time varies with the machine's load. */
  const eventually = async (check: () => boolean) => {
    for (const end = Date.now() + 5000; !check() && Date.now() < end; ) await sleep(25);
    return check();
  };
  /** Runs `use` with a fresh pool and closes it afterwards. */
  const withPool = async (size: number, options: PoolOptions, use: (pool: YjsWorkerPool) => Promise<void>) => {
    const pool = new YjsWorkerPool(size, 64, options);
    try {
      await use(pool);
    } finally {
      await pool.close();
    }
  };

  it('keeps one worker warm, starts a second while tasks wait, and stops it once idle', async () => {
    await withPool(2, { keepWarm: 1, idleMs: 300 }, async (pool) => {
      expect(pool.workerCount).toBe(1);
      await pool.validate(emptyValidate);
      const updates = logOf(20_000);
      const both = Promise.all([pool.merge(null, updates), pool.merge(null, updates)]);
      expect(pool.workerCount).toBe(2);
      const [a, b] = await both;
      expect(a.state).toEqual(b.state);
      expect(await eventually(() => pool.workerCount === 1)).toBe(true);
      expect((await pool.validate(emptyValidate)).ok).toBe(true);
    });
  });

  it('replaces an idle worker that has folded a log by a fresh one, and keeps one that only validated', async () => {
    await withPool(1, { keepWarm: 1, idleMs: 200 }, async (pool) => {
      await pool.validate(emptyValidate);
      const [first] = pool.workerThreadIds;
      await sleep(500);
      expect(pool.workerThreadIds).toEqual([first]);
      await pool.merge(null, logOf(5000));
      expect(await eventually(() => pool.workerThreadIds.length === 1 && pool.workerThreadIds[0] !== first)).toBe(true);
      expect((await pool.validate(emptyValidate)).ok).toBe(true);
    });
  });

  it('starts no worker until there is work when none is kept warm', async () => {
    await withPool(2, { keepWarm: 0, idleMs: 200 }, async (pool) => {
      expect(pool.workerCount).toBe(0);
      expect((await pool.validate(emptyValidate)).ok).toBe(true);
      expect(pool.workerCount).toBe(1);
      expect(await eventually(() => pool.workerCount === 0)).toBe(true);
    });
  });
});

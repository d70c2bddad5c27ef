import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PGliteRemote } from '../../db/pglite-remote';
import { canCheckThreadPolicy } from '../support/environment';

/** Threads of this process whose scheduling policy is SCHED_BATCH (3), from /proc. */
function batchThreads(): string[] {
  return readdirSync('/proc/self/task').filter((tid) => {
    const sched = readFileSync(`/proc/self/task/${tid}/sched`, 'utf8');
    return /^policy\s*:\s*3$/m.test(sched);
  });
}

// The policy is Linux's, set with util-linux's chrt (on Debian and in CI); elsewhere the
// thread keeps the default policy, and the run names this suite as skipped.
describe.skipIf(!canCheckThreadPolicy)('the embedded database thread', () => {
  let db: PGliteRemote | null = null;
  afterAll(async () => {
    await db?.close();
  });

  it('runs as SCHED_BATCH, so waking it for a commit never preempts the event loop', async () => {
    const before = batchThreads();
    db = new PGliteRemote(null);
    await db.waitReady;
    const { rows } = await db.query('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
    const added = batchThreads().filter((tid) => !before.includes(tid));
    expect(added).toHaveLength(1);
    // …and not the event loop's own thread.
    expect(added).not.toContain(String(process.pid));
  });
});

// docs/architecture.md ("What durable means"): on a data folder an acknowledged edit is on
// disk. PGlite starts PostgreSQL with fsync off and its Node file layer has no fsync; the
// database thread turns fsync on and supplies one (db/pglite-worker.mjs). If a PGlite
// upgrade changes either, this fails.
describe('the embedded database', () => {
  let db: PGliteRemote | null = null;
  const dirs: string[] = [];
  afterEach(async () => {
    await db?.close();
    db = null;
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('on a data folder, returns from a commit only after fsync(2) has flushed its WAL, and flushes a new cluster once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'accord-durable-'));
    dirs.push(dir);
    db = new PGliteRemote(dir);
    const created = await db.durability();
    expect(created).toMatchObject({ fsync: true, walSyncMethod: 'fsync' });
    // initdb's files (hundreds) were never flushed by PostgreSQL itself.
    expect(created.newClusterFlushed).toBeGreaterThan(100);
    await db.exec('create table t (id serial primary key, v text not null)');
    const before = (await db.durability()).flushes;
    for (const v of ['a', 'b', 'c']) await db.query('insert into t (v) values ($1)', [v]);
    // Each commit flushed the WAL before it returned (a read flushes nothing).
    expect((await db.durability()).flushes - before).toBeGreaterThanOrEqual(3);
    await db.close();

    db = new PGliteRemote(dir);
    const reopened = await db.durability();
    expect(reopened).toMatchObject({ fsync: true, newClusterFlushed: 0 });
    const { rows } = await db.query('select v from t order by id');
    expect(rows).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  });

  it('in memory, runs with fsync off: there is no disk to flush', async () => {
    db = new PGliteRemote(null);
    expect(await db.durability()).toMatchObject({ fsync: false, flushes: 0, newClusterFlushed: 0 });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
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

// docs/architecture.md ("What durable means") and the README tell people that on embedded
// PGlite a commit reaches the operating system but not the disk, because PGlite starts
// PostgreSQL with fsync off. If a PGlite upgrade changes that, this fails and the docs
// (and the start-up notice in server/index.ts) get revisited.
describe('the embedded database', () => {
  let db: PGliteRemote | null = null;
  afterAll(async () => {
    await db?.close();
  });

  it('runs PostgreSQL with fsync off, as the durability notes say', async () => {
    db = new PGliteRemote(null);
    await db.waitReady;
    const { rows } = await db.query('show fsync');
    expect(rows).toEqual([{ fsync: 'off' }]);
  });
});

// The embedded database's own thread. PGlite runs PostgreSQL compiled to WebAssembly;
// every query costs CPU in WASM and in PGlite's protocol code. Hosting it here keeps that
// work off the server's event loop, which then only relays sockets and Yjs frames.
// Plain .mjs (no TypeScript loader needed): the main side is db/pglite-remote.ts.
//
// Messages in:  { id, op: 'query', sql, params, rowMode, tx? }
//               { id, op: 'exec', sql }       → simple protocol; rows of the last statement
//               { id, op: 'begin' }            → replies once the transaction holds the lock
//               { id, op: 'end', tx, commit }  → commit (or roll back) that transaction
//               { id, op: 'durability' }       → { fsync, walSyncMethod, flushes, newClusterFlushed } (tests, diagnostics)
//               { id, op: 'close' }
// Messages out: { type: 'ready' } | { type: 'fatal', error }
//               { id, ok: true, result } | { id, ok: false, error }
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { getPriority, setPriority } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

if (!parentPort) throw new Error('pglite-worker.mjs must run as a worker thread');
const port = parentPort;

// Dates, intervals and the array types drizzle formats itself stay text, exactly as
// drizzle's PGlite driver asks (its parsers are functions and cannot cross threads).
const identity = (value) => value;
const parsers = {
  [types.TIMESTAMP]: identity,
  [types.TIMESTAMPTZ]: identity,
  [types.INTERVAL]: identity,
  [types.DATE]: identity,
  1231: identity,
  1115: identity,
  1185: identity,
  1187: identity,
  1182: identity,
};

/** PostgreSQL error fields worth keeping across the thread boundary. */
const ERROR_FIELDS = ['code', 'severity', 'detail', 'hint', 'schema', 'table', 'column', 'constraint', 'where', 'position', 'routine'];

function serializeError(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const out = { message: err.message, name: err.name };
  for (const key of ERROR_FIELDS) if (err[key] !== undefined && err[key] !== null) out[key] = err[key];
  return out;
}

/** Open transactions by id: the PGlite transaction object and how to finish it. */
const transactions = new Map();
const ROLLBACK = Symbol('rollback');

// Linux schedules threads separately, and this one stays out of the event loop's way:
//  - it runs `lowerPriorityBy` nice steps lower, so when both want a core the server's
//    socket thread gets more of it;
//  - it is SCHED_BATCH. Each commit wakes it, and a normal thread woken by the event
//    loop may preempt it there and then, mid-relay; a batch thread never preempts on
//    wake-up: it takes a free core, or waits until the running thread yields or its slice
//    ends. Its share of the CPU is unchanged (not an idle-only class: commits cannot
//    starve). In the bench, workload a's p99 with it was 0.67–0.83 of the same server's
//    without it in five of six rounds run side by side (1.25 in the sixth; bench/HISTORY.md).
// Acks still wait for their commit. Elsewhere than Linux, or without /proc or util-linux's
// `chrt`, the default scheduling stays.
function lowerThreadPriority(by) {
  let tid;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return; // not Linux
  }
  if (!Number.isSafeInteger(tid) || tid <= 0) return;
  try {
    setPriority(tid, Math.min(19, getPriority(tid) + by));
  } catch {
    // not allowed: keep the priority
  }
  try {
    execFileSync('chrt', ['--batch', '--pid', '0', String(tid)], { stdio: 'ignore', timeout: 5000 });
  } catch {
    // no chrt: keep the normal policy
  }
}
lowerThreadPriority(workerData.lowerPriorityBy ?? 0);

// Durable on disk. PGlite starts PostgreSQL with `-F` (fsync off), and its Node file layer
// (Emscripten's NODEFS) has no fsync: PostgreSQL's flushes stopped in the WebAssembly, so a
// commit reached the operating system's page cache, not the disk. On a data folder we
// start it without `-F` and give NODEFS the fsync it lacks, so a commit returns only after
// its WAL is on disk and a checkpoint flushes the data files before it recycles WAL.
//  - `wal_sync_method=fsync`: Emscripten's fdatasync (PostgreSQL's default method on
//    Linux) is a stub that returns success without reaching the file layer; fsync does.
//  - Every flush is a real `fsync(2)` of the file (or folder) the stream has open. An
//    error goes back to PostgreSQL with its errno (EIO when it has none), and on a data
//    file or the WAL it stops (PANIC) rather than carry on with a write that may be lost:
//    the server then exits (server/index.ts), and nothing more is acknowledged.
// In memory there is no disk and the defaults stay.
let flushes = 0;
/** Files and folders of a cluster created by this open, flushed once after it started. */
let newClusterFlushed = 0;
const EIO = 29; // Emscripten's errno numbering

class FlushingNodeFS extends NodeFS {
  async init(pg, opts) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const installFsync = (mod) => {
      mod.NODEFS.stream_ops.fsync = (stream) => {
        try {
          fsyncSync(stream.nfd);
        } catch (err) {
          console.error('[db] fsync failed', err instanceof Error ? err.message : err);
          // The real errno where there is one: PostgreSQL ignores EINVAL/EBADF when a
          // filesystem cannot flush a folder, and stops on anything else.
          const errno = typeof err?.code === 'string' ? mod.NODEFS.convertNodeCode?.(err) : undefined;
          throw new mod.FS.ErrnoError(typeof errno === 'number' ? errno : EIO);
        }
        flushes++;
      };
    };
    return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), installFsync] } };
  }
}

/** fsync every file and folder under `dir` (a new cluster: initdb's files were never flushed). */
function flushTree(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) flushTree(full);
    else if (entry.isFile()) flushPath(full);
  }
  try {
    flushPath(dir);
  } catch (err) {
    // Windows cannot open a folder to flush it; its entries are written by then anyway.
    if (!['EISDIR', 'EPERM', 'EACCES'].includes(err?.code)) throw err;
  }
}

function flushPath(file) {
  newClusterFlushed++;
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function openDatabase(dataDir) {
  if (!dataDir) return new PGlite();
  return new PGlite({
    fs: new FlushingNodeFS(dataDir),
    startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'],
  });
}

let db;
try {
  const dataDir = workerData.dataDir ?? null;
  const isNewCluster = dataDir !== null && !existsSync(path.join(dataDir, 'PG_VERSION'));
  db = openDatabase(dataDir);
  await db.waitReady;
  if (isNewCluster) flushTree(dataDir);
  // Installed once on the instance: PGlite merges per-query parsers into its defaults with
  // an object spread on every call, and its defaults hold a parser per array type (a
  // sparse, numerically keyed object), which cost ~0.3 ms of this thread per query.
  Object.assign(db.parsers, parsers);
  port.postMessage({ type: 'ready' });
} catch (err) {
  port.postMessage({ type: 'fatal', error: serializeError(err) });
  process.exit(1);
}

let gc = null;
function collectGarbage() {
  if (!gc) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc');
  }
  gc();
}

function reply(id, promise) {
  promise.then(
    (result) => port.postMessage({ id, ok: true, result }),
    (err) => port.postMessage({ id, ok: false, error: serializeError(err) }),
  );
}

async function runQuery(msg) {
  const target = msg.tx === undefined ? db : transactions.get(msg.tx)?.tx;
  if (!target) throw new Error(`transaction ${msg.tx} is not open`);
  const res = await target.query(msg.sql, msg.params ?? [], { rowMode: msg.rowMode ?? 'object' });
  return { rows: res.rows, fields: res.fields, affectedRows: res.affectedRows };
}

// One round trip into PostgreSQL (the simple query protocol), where a parameterised
// query takes six (parse, describe, bind, describe, execute, sync) and a fresh plan.
// Used for EXECUTE of prepared statements whose arguments are written as literals.
async function runExec(msg) {
  const results = await db.exec(msg.sql);
  const last = results.at(-1);
  return { rows: last?.rows ?? [], fields: last?.fields ?? [], affectedRows: last?.affectedRows ?? 0 };
}

function begin(id) {
  const entry = { tx: null, settle: null, done: null };
  const finished = new Promise((resolve, reject) => {
    entry.settle = { resolve, reject };
  });
  transactions.set(id, entry);
  entry.done = db.transaction(async (tx) => {
    entry.tx = tx;
    port.postMessage({ id, ok: true, result: id });
    await finished;
  });
  entry.done.catch((err) => {
    // A transaction that failed before its lock was granted never answered `begin`.
    if (entry.tx === null && transactions.get(id) === entry) {
      transactions.delete(id);
      port.postMessage({ id, ok: false, error: serializeError(err) });
    }
  });
}

function end(msg) {
  const entry = transactions.get(msg.tx);
  if (!entry || entry.tx === null) return Promise.reject(new Error(`transaction ${msg.tx} is not open`));
  transactions.delete(msg.tx);
  if (msg.commit) entry.settle.resolve();
  else entry.settle.reject(ROLLBACK);
  return entry.done.then(
    () => null,
    (err) => {
      if (err === ROLLBACK) return null;
      throw err;
    },
  );
}

port.on('message', (msg) => {
  switch (msg.op) {
    case 'query':
      reply(msg.id, runQuery(msg));
      break;
    case 'exec':
      reply(msg.id, runExec(msg));
      break;
    case 'begin':
      begin(msg.id);
      break;
    case 'end':
      reply(msg.id, end(msg));
      break;
    case 'gc':
      // Measurement only (the bench reads RSS after a full GC in every isolate).
      reply(msg.id, Promise.resolve().then(() => (collectGarbage(), null)));
      break;
    case 'durability':
      reply(
        msg.id,
        db.query("select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method").then(({ rows: [row] }) => ({
          fsync: row.fsync === 'on',
          walSyncMethod: row.method,
          flushes,
          newClusterFlushed,
        })),
      );
      break;
    case 'close':
      reply(
        msg.id,
        db.close().then(() => null),
      );
      break;
    default:
      port.postMessage({ id: msg.id, ok: false, error: { message: `unknown op ${msg.op}` } });
  }
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The embedded database on its own thread (db/pglite-worker.mjs), seen from the main
 * thread through the part of PGlite's API that drizzle's PGlite driver uses: `query`
 * and `transaction`. PGlite runs PostgreSQL in WebAssembly; on the event loop every
 * commit cost the sockets 1.5–2.5 ms. Here the event loop only posts messages.
 *
 * Semantics are PGlite's: one connection, transactions run one at a time and queries
 * outside them wait for them (the worker's PGlite serializes both).
 */

interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

interface QueryOptions {
  rowMode?: 'object' | 'array';
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError };
type Status = { type: 'ready' } | { type: 'fatal'; error: SerializedError };

interface SerializedError {
  message: string;
  name?: string;
  code?: string;
  [field: string]: unknown;
}

/** A PostgreSQL error raised in the database thread, with its fields (code, detail, …). */
export class EmbeddedDatabaseError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  constructor(serialized: SerializedError) {
    super(serialized.message);
    this.name = 'DatabaseError';
    Object.assign(this, serialized, { name: 'DatabaseError', message: serialized.message });
  }
}

export interface RemoteTransaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

// Resolved from this file's location: the custom server and the tests load db/ from
// source. Next's bundle never opens the database, so it never needs this path.
const WORKER_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pglite-worker.mjs');

export class PGliteRemote {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;
  readonly waitReady: Promise<void>;

  constructor(dataDir: string | null) {
    // The server's event loop relays edits; the database thread runs at a lower priority
    // (5 nice steps) so that on a busy machine relays are not queued behind commits.
    this.worker = new Worker(WORKER_PATH, { workerData: { dataDir, lowerPriorityBy: 5 }, execArgv: [] });
    let ready!: () => void;
    let failed!: (err: Error) => void;
    this.waitReady = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    // A rejection nobody awaited yet must not crash the process; callers see it on use.
    this.waitReady.catch(() => undefined);
    this.worker.on('message', (msg: Reply | Status) => {
      if ('type' in msg) {
        if (msg.type === 'ready') ready();
        else failed(this.fail(new EmbeddedDatabaseError(msg.error)));
        return;
      }
      const call = this.pending.get(msg.id);
      if (!call) return;
      this.pending.delete(msg.id);
      if (msg.ok) call.resolve(msg.result);
      else call.reject(new EmbeddedDatabaseError(msg.error));
    });
    this.worker.on('error', (err) => failed(this.fail(err)));
    this.worker.on('exit', (code) => failed(this.fail(new Error(`the embedded database thread exited (code ${code})`))));
  }

  private readonly failureListeners: ((err: Error) => void)[] = [];

  /**
   * Called once if the database thread fails or exits while open (not on close): say,
   * PostgreSQL stopping on a failed flush to disk. Nothing after that can be committed.
   */
  onFailure(listener: (err: Error) => void): void {
    this.failureListeners.push(listener);
  }

  /** Ends the database thread at once, as a crash of it would (tests of the failure path). */
  async terminateThread(): Promise<void> {
    await this.worker.terminate();
  }

  /** Every call in flight and every later call fails with this: the database is gone. */
  private fail(err: Error): Error {
    if (!this.failure) {
      this.failure = err;
      if (!this.isClosing) {
        console.error('[db] embedded database thread failed', err);
        for (const listener of this.failureListeners) listener(err);
      }
    }
    for (const call of this.pending.values()) call.reject(this.failure);
    this.pending.clear();
    return this.failure;
  }

  private isClosing = false;

  private async call<T>(message: Record<string, unknown>): Promise<T> {
    await this.waitReady;
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.call<QueryResult>({ op: 'query', sql, params: compactParams(params), rowMode: options.rowMode ?? 'object' });
  }

  /**
   * Runs SQL text without parameters over PostgreSQL's simple protocol (one round trip
   * into the database instead of six) and returns the last statement's rows. For
   * statements whose values are literals built by a caller that guarantees their safety
   * (db/client.ts `runPrepared`).
   */
  exec(sql: string): Promise<QueryResult> {
    return this.call<QueryResult>({ op: 'exec', sql });
  }

  /** Runs `fn` inside one transaction: commit when it resolves, roll back when it throws. */
  async transaction<T>(fn: (tx: RemoteTransaction) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: 'begin' });
    let isClosed = false;
    const tx: RemoteTransaction = {
      query: (sql, params = [], options = {}) => {
        if (isClosed) return Promise.reject(new Error('Transaction is closed'));
        return this.call<QueryResult>({ op: 'query', sql, params: compactParams(params), rowMode: options.rowMode ?? 'object', tx: txId });
      },
      rollback: async () => {
        if (isClosed) return;
        isClosed = true;
        await this.call({ op: 'end', tx: txId, commit: false });
      },
      get closed() {
        return isClosed;
      },
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      if (!isClosed) {
        isClosed = true;
        await this.call({ op: 'end', tx: txId, commit: false }).catch(() => undefined);
      }
      throw err;
    }
    if (!isClosed) {
      isClosed = true;
      await this.call({ op: 'end', tx: txId, commit: true });
    }
    return result;
  }

  /** A full GC in the database thread (for memory measurements). */
  async collectGarbage(): Promise<void> {
    await this.call({ op: 'gc' });
  }

  /**
   * How commits reach the disk: on a data folder PostgreSQL runs with fsync on and every
   * flush is a real fsync(2) (`flushes` counts PostgreSQL's since the thread started, and
   * `newClusterFlushed` the files and folders of a cluster this open created, flushed once);
   * in memory, fsync is off (there is no disk).
   */
  durability(): Promise<{ fsync: boolean; walSyncMethod: string; flushes: number; newClusterFlushed: number }> {
    return this.call({ op: 'durability' });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    this.isClosing = true;
    try {
      await this.call({ op: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }
}

/**
 * Posting a typed array to a thread copies its whole underlying ArrayBuffer, and bytes
 * decoded from a socket are usually small views into a large read buffer (tens of KiB
 * for a 30-byte update). Views like that are copied down to their own bytes first.
 */
function compactParams(params: unknown[]): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (ArrayBuffer.isView(p) && p.byteLength < p.buffer.byteLength) {
      out ??= params.slice();
      out[i] = new Uint8Array(p.buffer, p.byteOffset, p.byteLength).slice();
    }
  }
  return out ?? params;
}

import type { PendingWrite } from './persistence';
import { appendUpdateBatch } from './persistence';

interface Queued {
  docId: string;
  write: PendingWrite;
  resolve: (rowId: number) => void;
}

/** Most writes one statement carries; a busier node simply runs more statements. */
const MAX_BATCH = 500;

/**
 * A node starts at most one commit per this many milliseconds. The first write after a
 * quiet spell commits at once; under load, writes arriving meanwhile share the next
 * commit (PostgreSQL's commit_delay idea). Each commit costs the node far more than each
 * extra row in it (the statement's round trip into the database thread, the commit itself,
 * waking that thread), so a busy node spends a fraction of the CPU it would on a commit
 * per edit, at the price of at most this much extra wait before an ack.
 *
 * 40 ms, not less: in workload a of `npm run bench` (200 editors, one edit a second each),
 * 20 ms cost the server ~1.9–2.2 ms of CPU per edit and 40 ms ~1.55–1.8, with relay p99
 * 0.80–0.85 of the 20 ms server's in the same rounds; the durable ack's median went from
 * ~16 to ~26 ms (bench/HISTORY.md, the section on the 40 ms commit interval). "Saving…"
 * that long is not visible to a person; the CPU is, to everyone sharing the node.
 */
export const DEFAULT_COMMIT_INTERVAL_MS = 40;

/**
 * Group commit for the whole node: every doc's pending writes go to the update log
 * together, one statement at a time, at most one commit start per `minCommitIntervalMs`.
 * While a statement runs or the interval has not passed, the next batch collects, so
 * under load many edits (of many docs) share one commit, and with one editor a write
 * starts at once.
 *
 * Nothing is acknowledged before its commit. A failed batch is retried per doc, so a
 * write that keeps failing (its doc's rows are refused) holds back that doc only: the
 * others are written and acknowledged while it retries with backoff.
 */
export class UpdateLogWriter {
  private queue: Queued[] = [];
  private isWriting = false;
  private idle: Promise<void> = Promise.resolve();
  private readonly retrying = new Map<string, Queued[]>();
  private lastCommitStart = -Infinity;

  constructor(
    private readonly onError: (docId: string | null, attempt: number, err: unknown) => void = defaultOnError,
    private readonly minCommitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS,
  ) {}

  /** Resolves with the row id once the write is committed. */
  append(docId: string, write: PendingWrite): Promise<number> {
    return new Promise((resolve) => {
      // A doc whose writes are being retried keeps its order: new writes wait behind them.
      const held = this.retrying.get(docId);
      if (held) held.push({ docId, write, resolve });
      else this.queue.push({ docId, write, resolve });
      if (!this.isWriting) this.idle = this.run();
    });
  }

  /** Resolves when every write handed in so far has been committed. */
  async drain(): Promise<void> {
    while (this.isWriting || this.queue.length > 0 || this.retrying.size > 0) {
      await this.idle;
      if (this.retrying.size > 0 && !this.isWriting) await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async run(): Promise<void> {
    this.isWriting = true;
    try {
      while (this.queue.length > 0) {
        const wait = this.lastCommitStart + this.minCommitIntervalMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        this.lastCommitStart = performance.now();
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          settle(batch, await appendUpdateBatch(batch));
        } catch (err) {
          this.onError(null, 1, err);
          // Per doc from here: one doc's refused rows must not hold back the others.
          const byDoc = new Map<string, Queued[]>();
          for (const q of batch) {
            const list = byDoc.get(q.docId);
            if (list) list.push(q);
            else byDoc.set(q.docId, [q]);
          }
          for (const [docId, writes] of byDoc) {
            try {
              settle(writes, await appendUpdateBatch(writes));
            } catch (docErr) {
              this.retryDoc(docId, writes, docErr);
            }
          }
        }
      }
    } finally {
      this.isWriting = false;
    }
  }

  /** Retries one doc's writes (and any that arrive for it meanwhile) until they commit. */
  private retryDoc(docId: string, writes: Queued[], firstError: unknown): void {
    // Writes of this doc that arrived while its batch was failing are in the queue: they go
    // behind the refused ones, or the next commit would write (and acknowledge) them first.
    const later = this.queue.filter((q) => q.docId === docId);
    if (later.length > 0) this.queue = this.queue.filter((q) => q.docId !== docId);
    const existing = this.retrying.get(docId);
    if (existing) {
      // Already retrying (one loop per doc): these are newer than what it holds.
      existing.push(...writes, ...later);
      return;
    }
    const held = [...writes, ...later];
    this.retrying.set(docId, held);
    void (async () => {
      let err = firstError;
      for (let attempt = 2; ; attempt++) {
        this.onError(docId, attempt, err);
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** (attempt - 2), 1000)));
        const batch = held.slice(0, MAX_BATCH);
        try {
          settle(batch, await appendUpdateBatch(batch));
          held.splice(0, batch.length);
          if (held.length === 0) break;
          attempt = 1;
        } catch (e) {
          err = e;
        }
      }
      this.retrying.delete(docId);
    })();
  }
}

function settle(batch: Queued[], rowIds: number[]): void {
  batch.forEach((q, i) => q.resolve(rowIds[i] ?? 0));
}

function defaultOnError(docId: string | null, attempt: number, err: unknown): void {
  const what = docId ? `for ${docId} (attempt ${attempt}); retrying` : 'for a batch; retrying per doc';
  console.error(`[realtime] update log commit failed ${what}`, err instanceof Error ? err.message : err);
}


import { Worker } from 'node:worker_threads';
import * as encoding from 'lib0/encoding';
import type { ValidateInput, ValidateResult } from '../../domain/sync/validate-update';
import type { WorkerRequest, WorkerResponse } from './yjs-worker-types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Task = {
  request: DistributiveOmit<WorkerRequest, 'id'>;
  timeoutMs: number;
  resolve: (res: WorkerResponse) => void;
  reject: (err: Error) => void;
};

interface Slot {
  worker: Worker;
  isReady: boolean;
  current: { id: number; task: Task; timer: NodeJS.Timeout } | null;
  /** Set while the worker waits for work; when it fires the worker is retired or recycled. */
  idleTimer: NodeJS.Timeout | null;
  /** It has folded a log since it started: its heap may have grown to hold one. */
  hasMerged: boolean;
}

export interface PoolOptions {
  /** Workers kept running when there is no work (the first paste after a quiet spell would otherwise wait ~0.3 s for one to start). */
  keepWarm?: number;
  /** A worker idle this long is stopped if it is beyond `keepWarm`, or replaced by a fresh one if it has folded a log. */
  idleMs?: number;
}

export class WorkerTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerTimeoutError';
  }
}

const WORKER_URL = new URL('./yjs-worker.mjs', import.meta.url);

/**
 * A small pool of Yjs workers with per-task time limits and a heap limit per worker.
 * A task that overruns (a crafted update that loops) or exhausts its heap kills only its
 * worker, which is replaced; the event loop and every other socket carry on.
 *
 * Workers cost memory even when idle (~40 MB each) and keep whatever heap their largest
 * task grew (folding a 100,000-update log leaves ~80 MB). So the pool keeps `keepWarm`
 * workers running, starts more (up to `size`) while tasks wait, stops the extra ones once
 * they have been idle for `idleMs`, and replaces an idle worker that has folded a log by a
 * fresh one, which gives its heap back.
 */
export class YjsWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private isClosed = false;
  private readonly keepWarm: number;
  private readonly idleMs: number;

  constructor(
    private readonly size = 2,
    private readonly heapMb = 256,
    options: PoolOptions = {},
  ) {
    this.keepWarm = Math.min(size, Math.max(0, options.keepWarm ?? 1));
    this.idleMs = options.idleMs ?? 30_000;
    for (let i = 0; i < this.keepWarm; i++) this.slots.push(this.spawn());
  }

  /** Workers running or starting (for tests and diagnostics). */
  get workerCount(): number {
    return this.slots.length;
  }

  /** Their thread ids, in start order (for tests: a recycled worker gets a new one). */
  get workerThreadIds(): number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, isReady: false, current: null, idleTimer: null, hasMerged: false };
    worker.on('message', (res: WorkerResponse) => {
      if (res.type === 'ready') {
        slot.isReady = true;
        this.pump();
        this.idleIfFree(slot);
        return;
      }
      const current = slot.current;
      if (!current || current.id !== res.id) return;
      clearTimeout(current.timer);
      slot.current = null;
      if (current.task.request.type === 'merge') slot.hasMerged = true;
      current.task.resolve(res);
      this.pump();
      this.idleIfFree(slot);
    });
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', (code) => {
      if (!this.isClosed && this.slots.includes(slot)) this.replace(slot, new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  /** A worker that failed (timeout, heap, crash): its task fails, and enough workers run again. */
  private replace(slot: Slot, reason: Error): void {
    if (!this.remove(slot)) return;
    const current = slot.current;
    slot.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.task.reject(reason);
    }
    this.refill();
  }

  /** Stops a worker and forgets it; false when it was already gone. */
  private remove(slot: Slot): boolean {
    const index = this.slots.indexOf(slot);
    if (index < 0) return false;
    this.slots.splice(index, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    void slot.worker.terminate();
    return true;
  }

  /** Starts workers for waiting tasks (up to `size`) and back up to `keepWarm`. */
  private refill(): void {
    if (this.isClosed) return;
    const starting = this.slots.filter((s) => !s.isReady).length;
    const wanted = Math.max(this.keepWarm, this.slots.length - starting + Math.min(this.queue.length, this.size));
    for (let n = this.slots.length; n < Math.min(wanted, this.size); n++) this.slots.push(this.spawn());
  }

  private idleIfFree(slot: Slot): void {
    if (this.isClosed || !slot.isReady || slot.current || slot.idleTimer || !this.slots.includes(slot)) return;
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      if (this.isClosed || slot.current) return;
      const isExtra = this.slots.length > this.keepWarm;
      if (!isExtra && !slot.hasMerged) return;
      this.remove(slot);
      this.refill();
    }, this.idleMs);
    slot.idleTimer.unref();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.isReady || slot.current) continue;
      const task = this.queue.shift();
      if (!task) break;
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.idleTimer = null;
      const id = this.nextId++;
      // When the timer fires the worker's answer may already be waiting behind a busy event
      // loop: look again after pending messages are read before killing a healthy worker.
      const timer = setTimeout(
        () =>
          setImmediate(() =>
            setImmediate(() => {
              if (slot.current?.id === id) this.replace(slot, new WorkerTimeoutError(`Yjs task ${task.request.type} exceeded ${task.timeoutMs} ms`));
            }),
          ),
        task.timeoutMs,
      );
      slot.current = { id, task, timer };
      slot.worker.postMessage({ ...task.request, id });
    }
    // Tasks still waiting: start workers for them (each starts in ~0.3 s).
    if (this.queue.length > 0) this.refill();
  }

  private run(request: DistributiveOmit<WorkerRequest, 'id'>, timeoutMs: number): Promise<WorkerResponse> {
    if (this.isClosed) return Promise.reject(new Error('worker pool closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async validate(input: ValidateInput, timeoutMs = 1500): Promise<ValidateResult> {
    const res = await this.run({ type: 'validate', input }, timeoutMs);
    if (res.type === 'validate') return res.result;
    if (res.type === 'error') return { ok: false, fatal: true, code: 'malformed_update', message: res.message };
    throw new Error(`unexpected worker response ${res.type}`);
  }

  async merge(snapshot: Uint8Array | null, updates: Uint8Array[], timeoutMs = 120_000): Promise<{ state: Uint8Array; stateVector: Uint8Array }> {
    const encoder = encoding.createEncoder();
    for (const u of updates) encoding.writeVarUint8Array(encoder, u);
    const res = await this.run({ type: 'merge', snapshot, packedUpdates: encoding.toUint8Array(encoder) }, timeoutMs);
    if (res.type === 'merge') return { state: res.state, stateVector: res.stateVector };
    if (res.type === 'error') throw new Error(`merge failed: ${res.message}`);
    throw new Error(`unexpected worker response ${res.type}`);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const task of this.queue.splice(0)) task.reject(new Error('worker pool closed'));
    for (const slot of this.slots) if (slot.idleTimer) clearTimeout(slot.idleTimer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

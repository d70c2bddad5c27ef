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
 */
export class YjsWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private isClosed = false;

  constructor(
    private readonly size = 2,
    private readonly heapMb = 256,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    const slot: Slot = { worker, isReady: false, current: null };
    worker.on('message', (res: WorkerResponse) => {
      if (res.type === 'ready') {
        slot.isReady = true;
        this.pump();
        return;
      }
      const current = slot.current;
      if (!current || current.id !== res.id) return;
      clearTimeout(current.timer);
      slot.current = null;
      current.task.resolve(res);
      this.pump();
    });
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', (code) => {
      if (!this.isClosed && this.slots.includes(slot)) this.replace(slot, new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  private replace(slot: Slot, reason: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const current = slot.current;
    slot.current = null;
    if (current) {
      clearTimeout(current.timer);
      current.task.reject(reason);
    }
    this.slots.splice(index, 1);
    void slot.worker.terminate();
    if (!this.isClosed) this.slots.push(this.spawn());
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.isReady || slot.current) continue;
      const task = this.queue.shift();
      if (!task) return;
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
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

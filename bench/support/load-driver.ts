import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientSpec, DrainReport, EditReport, FromLoad, ServerKind, ToLoad } from '../load/messages';
import { profileArgs } from './node-args';

const LOAD_PROCESS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../load/load-process.ts');

/**
 * The load processes are the measuring instrument and must not be what the tail measures.
 * With V8's default ~6 MB young generation, each one (100 clients' Y.Docs, a delivery
 * every ~50 µs) scavenged several times a second, and those pauses held up every delivery
 * queued behind them, for whichever server was being measured: workload a's max latency
 * was ~40 ms and the per-round p99 ratios spread by ±0.3. With 32 MB semi-spaces, the same
 * for every server: max ~17 ms, ratios within ±0.03 of each other (bench/README.md).
 */
export const LOAD_NODE_FLAGS = ['--min-semi-space-size=32', '--max-semi-space-size=32'];

/** The runner's handle on a load process (bench/load/load-process.ts). */
export class LoadDriver {
  private readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<void>;

  /** `traceFile`: where the process writes its deliveries for BENCH_TRACE_DIR (bench/trace-report.ts). */
  constructor(profileDir?: string, traceFile?: string) {
    this.child = spawn(process.execPath, [...profileArgs(profileDir), ...LOAD_NODE_FLAGS, '--import', 'tsx', LOAD_PROCESS], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Latency samples travel back as Float64Arrays.
      serialization: 'advanced',
      ...(traceFile ? { env: { ...process.env, BENCH_TRACE_FILE: traceFile } } : {}),
    });
    this.child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  private request(msg: ToLoad, timeoutMs: number): Promise<FromLoad> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`load process did not answer ${msg.type} in ${timeoutMs} ms\n${this.output.slice(-2000)}`)), timeoutMs);
      const onMessage = (reply: FromLoad) => finish(null, reply);
      const onExit = (code: number | null) => finish(new Error(`load process exited (${code})\n${this.output.slice(-2000)}`));
      const finish = (err: Error | null, reply?: FromLoad) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (err) reject(err);
        else if (reply?.type === 'failed') reject(new Error(`load process failed: ${reply.error}`));
        else if (reply) resolve(reply);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send(msg);
    });
  }

  /** Opens every client and resolves when all are synced; returns how long that took. */
  async connect(kind: ServerKind, clients: ClientSpec[]): Promise<number> {
    const reply = await this.request({ type: 'connect', kind, clients }, 180_000);
    if (reply.type !== 'connected') throw new Error(`unexpected reply ${reply.type}`);
    return reply.ms;
  }

  /** Edits for `seconds`; resolves when this process's clients have stopped editing. */
  async run(seconds: number, warmupSeconds: number): Promise<EditReport> {
    const reply = await this.request({ type: 'run', seconds, warmupSeconds }, (seconds + warmupSeconds + 60) * 1000);
    if (reply.type !== 'edited') throw new Error(`unexpected reply ${reply.type}`);
    return reply.report;
  }

  async drain(expected: number, maxSeconds: number): Promise<DrainReport> {
    const reply = await this.request({ type: 'drain', expected, maxSeconds }, (maxSeconds + 60) * 1000);
    if (reply.type !== 'drained') throw new Error(`unexpected reply ${reply.type}`);
    return reply.report;
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await this.request({ type: 'close' }, 30_000).catch(() => undefined);
      // The load process exits when its IPC channel closes; a stuck one is killed.
      this.child.disconnect();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }
}

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureName, Fixtures } from '../../tests/support/remote-fixtures';
import { inspectorUrlIn } from './inspector';
import { SERVER_NODE_FLAGS } from '../../server/runtime-flags';
import { serverArgs } from './node-args';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type AccordStorage =
  | { kind: 'memory' }
  /** Embedded PGlite kept in `dataDir` (survives a restart). */
  | { kind: 'disk'; dataDir: string }
  | { kind: 'postgres'; url: string };

export interface AccordNodeOptions {
  storage: AccordStorage;
  redisUrl?: string;
  /** DATA_DIR for everything but PGlite (a temp folder). */
  dataDir: string;
  /** The Next build folder (see buildIfStale). */
  distDir: string;
  profileDir?: string;
  /** Node flags after the server's own (bench variants). */
  extraNodeFlags?: string[];
  /** ACCORD_LATENCY_TRACE for the server (BENCH_TRACE_DIR). */
  latencyTraceFile?: string;
}

export interface AccordNode {
  pid: number;
  inspectorUrl: string | null;
  /** Full GC in the embedded database's thread (the inspector reaches the main thread only). */
  collectOtherGarbage: () => Promise<void>;
  url: string;
  fixture<N extends FixtureName>(name: N, args: Parameters<Fixtures[N]>[0]): Promise<Awaited<ReturnType<Fixtures[N]>>>;
  /** SIGTERM: the server flushes pending writes and closes its database. */
  stop(): Promise<void>;
  output(): string;
}

/**
 * Starts the real server (`node <SERVER_NODE_FLAGS> --import tsx server/index.ts`, as `npm start` runs it, on the production Next build
 * in the bench's dist dir) the way the test harness does, keeping the pid so the bench can read its
 * RSS and CPU. Fixtures (users, boards) run inside it over IPC (ACCORD_TEST_IPC=1).
 */
export async function startAccordNode(options: AccordNodeOptions): Promise<AccordNode> {
  const { storage } = options;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: '0',
    DATA_DIR: storage.kind === 'disk' ? storage.dataDir : options.dataDir,
    PGLITE_STORAGE: storage.kind === 'disk' ? 'disk' : 'memory',
    ACCORD_NEXT_DIST_DIR: options.distDir,
    AUTH_SECRET: 'accord-bench-secret-not-for-production',
    SEED_DEMO: '0',
    ACCORD_TEST_IPC: '1',
    ...(options.latencyTraceFile ? { ACCORD_LATENCY_TRACE: options.latencyTraceFile } : {}),
    NEXT_TELEMETRY_DISABLED: '1',
    ...(storage.kind === 'postgres' ? { DATABASE_URL: storage.url } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  const child = spawn(process.execPath, [...serverArgs(options.profileDir), ...SERVER_NODE_FLAGS, ...(options.extraNodeFlags ?? []), '--import', 'tsx', 'server/index.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    void exited.then(() => reject(new Error(`Accord exited before listening:\n${output}`)));
  });
  if (child.pid === undefined) throw new Error('Accord has no pid');

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw: { id: number; ok: boolean; value?: unknown; error?: string }) => {
    const p = pending.get(raw.id);
    if (!p) return;
    pending.delete(raw.id);
    if (raw.ok) p.resolve(raw.value);
    else p.reject(new Error(raw.error ?? 'fixture failed'));
  });

  function fixture<N extends FixtureName>(name: N, args: Parameters<Fixtures[N]>[0]): Promise<Awaited<ReturnType<Fixtures[N]>>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve: (v) => resolve(v as never), reject });
      child.send({ id, name, args });
    });
  }

  return {
    pid: child.pid,
    inspectorUrl: inspectorUrlIn(output),
    collectOtherGarbage: async () => {
      await fixture('collectDatabaseGarbage', undefined);
    },
    url: `http://localhost:${port}`,
    output: () => output,
    fixture,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

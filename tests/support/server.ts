import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Backend } from './environment';
import { TEST_DIST_DIR } from './global-setup';
import { createTestDatabase, dropTestDatabase } from './pg';
import type { FixtureName, Fixtures } from './remote-fixtures';
import { SERVER_NODE_FLAGS } from '../../server/runtime-flags';

const root = path.resolve(__dirname, '../..');

export interface StartOptions {
  backend?: Backend;
  seedDemo?: boolean;
  /** Keep the embedded database on disk in this folder (for restart tests). */
  dataDir?: string;
  /** Reuse an existing PostgreSQL database (restart tests). */
  databaseUrl?: string;
  env?: Record<string, string>;
}

export interface AccordProcess {
  url: string;
  port: number;
  backend: Backend;
  dataDir: string;
  databaseUrl: string | null;
  output: () => string;
  /** Runs a named fixture inside the server process (it owns the database). */
  fixture<N extends FixtureName>(name: N, args: Parameters<Fixtures[N]>[0]): Promise<Awaited<ReturnType<Fixtures[N]>>>;
  stop(): Promise<void>;
  kill(): Promise<void>;
  /** Resolves with the exit code (null if killed by a signal) when the process ends. */
  exited: Promise<number | null>;
  /** Removes the temp folder and test database; call after the last stop/kill. */
  cleanup(): Promise<void>;
}

/**
 * Starts the real server (server/index.ts, the production Next build) as a child process
 * on port 0 and resolves once it prints its address. Fixtures travel over the IPC channel.
 */
export async function startAccord(options: StartOptions = {}): Promise<AccordProcess> {
  const backend = options.backend ?? 'pglite';
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'accord-test-'));
  const ownsDataDir = !options.dataDir;
  const databaseUrl = backend === 'postgres' ? (options.databaseUrl ?? (await createTestDatabase())) : null;
  const ownsDatabase = backend === 'postgres' && !options.databaseUrl;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    PORT: '0',
    DATA_DIR: dataDir,
    PGLITE_STORAGE: options.dataDir ? 'disk' : 'memory',
    ACCORD_NEXT_DIST_DIR: TEST_DIST_DIR,
    AUTH_SECRET: 'accord-test-secret-not-for-production',
    SEED_DEMO: options.seedDemo ? '1' : '0',
    ACCORD_TEST_IPC: '1',
    NEXT_TELEMETRY_DISABLED: '1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'server/index.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const port = await new Promise<number>((resolve, reject) => {
    const onData = () => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (m?.[1]) {
        child.stdout?.off('data', onData);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });

  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw: unknown) => {
    if (typeof raw !== 'object' || raw === null || !('id' in raw)) return;
    const msg = raw as { id: number; ok: boolean; value?: unknown; error?: string };
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(msg.error ?? 'fixture failed'));
  });

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitExit = async (c: ChildProcess, signal: NodeJS.Signals) => {
    if (c.exitCode !== null || c.signalCode !== null) return;
    c.kill(signal);
    await exited;
  };

  return {
    url: `http://localhost:${port}`,
    port,
    backend,
    dataDir,
    databaseUrl,
    output: () => output,
    exited,
    fixture(name, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: (v) => resolve(v as never), reject });
        child.send({ id, name, args });
      });
    },
    stop: () => waitExit(child, 'SIGTERM'),
    kill: () => waitExit(child, 'SIGKILL'),
    async cleanup() {
      await waitExit(child, 'SIGKILL');
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
      if (ownsDatabase && databaseUrl) await dropTestDatabase(databaseUrl);
    },
  };
}

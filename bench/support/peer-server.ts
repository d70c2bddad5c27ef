import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspectorUrlIn } from './inspector';
import { serverArgs } from './node-args';

const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = {
  'y-websocket': path.join(here, '../servers/y-websocket-server.ts'),
  hocuspocus: path.join(here, '../servers/hocuspocus-server.ts'),
} as const;

export type PeerKind = keyof typeof ENTRY;

export interface PeerServer {
  pid: number;
  inspectorUrl: string | null;
  /** ws:// URL the peer's client connects to. */
  url: string;
  stop(): Promise<void>;
}

/** Starts a peer server in its own process, so its RSS and CPU are its own. */
export async function startPeerServer(kind: PeerKind, profileDir?: string): Promise<PeerServer> {
  const child = spawn(process.execPath, [...serverArgs(profileDir), '--import', 'tsx', ENTRY[kind]], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production' },
  });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /BENCH_LISTENING (\d+)/.exec(output);
      if (m?.[1]) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`${kind} server exited before listening:\n${output}`)));
  });
  if (child.pid === undefined) throw new Error(`${kind} server has no pid`);
  return {
    pid: child.pid,
    inspectorUrl: inspectorUrlIn(output),
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      // SIGTERM: the server exits cleanly (and writes its CPU profile when asked to).
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

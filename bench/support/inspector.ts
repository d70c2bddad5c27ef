import WebSocket from 'ws';

/** The inspector URL a process started with `--inspect=127.0.0.1:0` prints on stderr. */
export function inspectorUrlIn(output: string): string | null {
  return /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1] ?? null;
}

/**
 * Runs a full garbage collection in another Node process through its inspector, so that
 * RSS readings compare live memory rather than whenever V8 last collected (a server that
 * has just run Next.js and sign-ins holds tens of MB of garbage for a while).
 */
export async function collectGarbage(inspectorUrl: string): Promise<void> {
  const socket = new WebSocket(inspectorUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('message', (raw: WebSocket.RawData) => {
        const reply: unknown = JSON.parse(raw.toString());
        if (typeof reply === 'object' && reply !== null && 'id' in reply && reply.id === 1) resolve();
      });
      socket.once('error', reject);
      socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
    });
  } finally {
    socket.close();
  }
}

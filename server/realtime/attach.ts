import type { Server as HttpServer } from 'node:http';

export interface Realtime {
  close(): Promise<void>;
}

/** Placeholder until the sync engine lands: no socket server yet. */
export async function attachRealtime(_server: HttpServer): Promise<Realtime> {
  return { close: async () => undefined };
}

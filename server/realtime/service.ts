import type { Party } from '../../domain/partnership/roles';
import type { ParticipationRow } from './persistence';

/**
 * What the rest of the server (including Next's bundled server actions, a separate module
 * instance) may ask of the realtime layer. Registered on globalThis by attachRealtime.
 */
export interface RealtimeService {
  /**
   * Applies a server-made update to a live doc (loading it if needed) and persists it.
   * `build` receives the doc's current state and returns the update to apply; it runs
   * synchronously under the room, so server writes to one doc never interleave.
   */
  writeDoc(docId: string, build: (state: Uint8Array) => Uint8Array, events: ParticipationRow[]): Promise<void>;
  /**
   * Tells everyone joined to the doc that its records changed (they refetch); with
   * `parties`, only the sockets on it as one of those parties (a party's own business, such
   * as its caucus invitation, is not announced to the other side).
   */
  notifyRecords(docId: string, kind: string, parties?: readonly Party[]): void;
}

const key = Symbol.for('accord.realtime');
type Holder = { [key]?: RealtimeService };

export function registerRealtimeService(service: RealtimeService | null): void {
  const g = globalThis as Holder;
  if (service) g[key] = service;
  else delete g[key];
}

export function realtimeService(): RealtimeService | null {
  return (globalThis as Holder)[key] ?? null;
}

import { EventEmitter } from 'node:events';

/**
 * In-process notifications from domain commands to the realtime layer (for example
 * "this person's membership changed: re-check their open docs"). Kept on globalThis
 * because Next's bundled server actions and the custom server are separate module
 * instances in one process. Cross-node delivery is the realtime layer's job (Redis).
 */
export interface AccordEvents {
  'membership:changed': { partnershipId: string; userId: string };
  /**
   * Access to the docs of this board or session may have changed for everyone on them (a
   * facilitator locked or unlocked an IBB board): re-check every socket joined to them.
   * `id` is the id part of the doc ids (`ibb:<id>`, `caucus:<id>:<party>`).
   */
  'docs:access-changed': { id: string };
  /** A party went into caucus until `until` (the caucus-expiry timer wakes up then). */
  'caucus:called': { sessionId: string; until: Date };
}

const key = Symbol.for('accord.events');
type Holder = { [key]?: EventEmitter };

function emitter(): EventEmitter {
  const g = globalThis as Holder;
  g[key] ??= new EventEmitter().setMaxListeners(100);
  return g[key];
}

export function emitEvent<K extends keyof AccordEvents>(name: K, payload: AccordEvents[K]): void {
  emitter().emit(name, payload);
}

export function onEvent<K extends keyof AccordEvents>(name: K, listener: (payload: AccordEvents[K]) => void): () => void {
  const e = emitter();
  e.on(name, listener);
  return () => e.off(name, listener);
}

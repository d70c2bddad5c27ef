import * as decoding from 'lib0/decoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { RoomDeps } from './doc-room';
import { DocRoom } from './doc-room';

export interface LoadedRoom {
  room: DocRoom;
  /** Server-side presence of this doc: the states of everyone connected anywhere. */
  awareness: Awareness;
  /** Local sockets joined to the doc. */
  sockets: Set<string>;
  /** Awareness clientID → person, for presence spoofing checks (memory only). */
  awarenessOwners: Map<number, string>;
  /**
   * Awareness clientID → the node whose socket it came through, for states that came from
   * other nodes; dropped when that node goes silent (`dropPresenceOf`).
   */
  remotePresence: Map<number, string>;
  idleTimer: NodeJS.Timeout | null;
}

/**
 * Loads each doc once per node (concurrent joins share the load) and unloads it after
 * it has had no local sockets for a while and every write is durable.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<LoadedRoom>>();

  constructor(
    private readonly deps: RoomDeps,
    private readonly idleMs = 30_000,
  ) {}

  /** Called with the id of every node a doc message arrived from (for `NodeLiveness`). */
  onNodeHeard: ((nodeId: string) => void) | null = null;

  /** The clientIDs an awareness update (from another node, so trusted) is about. */
  private static awarenessClientIds(update: Uint8Array): number[] {
    const decoder = decoding.createDecoder(update);
    const ids: number[] = [];
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      ids.push(decoding.readVarUint(decoder));
      decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
    }
    return ids;
  }

  acquire(docId: string, socketId: string): Promise<LoadedRoom> {
    let entry = this.rooms.get(docId);
    if (!entry) {
      entry = this.load(docId);
      this.rooms.set(docId, entry);
      entry.catch(() => this.rooms.delete(docId));
    }
    return entry.then((loaded) => {
      loaded.sockets.add(socketId);
      if (loaded.idleTimer) {
        clearTimeout(loaded.idleTimer);
        loaded.idleTimer = null;
      }
      return loaded;
    });
  }

  private async load(docId: string): Promise<LoadedRoom> {
    const room = await DocRoom.load(docId, this.deps);
    const awareness = new Awareness(room.doc);
    // The server has no presence of its own.
    awareness.setLocalState(null);
    const loaded: LoadedRoom = { room, awareness, sockets: new Set(), awarenessOwners: new Map(), remotePresence: new Map(), idleTimer: null };
    room.onRemoteAwareness = (update, from) => {
      applyAwarenessUpdate(awareness, update, 'remote');
      this.deps.outlet.emitAwareness(docId, update, null);
      if (from === null) return;
      this.onNodeHeard?.(from);
      try {
        for (const id of RoomRegistry.awarenessClientIds(update)) {
          // A client that moved here from that node is tagged with its new node.
          if (awareness.states.has(id)) loaded.remotePresence.set(id, from);
          else loaded.remotePresence.delete(id);
        }
      } catch (err) {
        console.error(`[realtime] an awareness message for ${docId} could not be read`, err);
      }
    };
    const bus = this.deps.bus;
    if (bus) {
      room.onPresenceQuery = () => {
        // Each node answers for the people on its own sockets. Passing on what came from
        // other nodes would tag those states with this node at the asker, which would then
        // keep them if their own node died (they answer for themselves anyway).
        const states = [...awareness.getStates().keys()].filter((id) => !loaded.remotePresence.has(id));
        if (states.length > 0) bus.publishDoc(docId, { kind: 'awareness', payload: encodeAwarenessUpdate(awareness, states) });
      };
      // People on other nodes show up now, not when their clients next renew (every 15 s).
      bus.publishDoc(docId, { kind: 'presence_query', payload: new Uint8Array() });
    }
    return loaded;
  }

  /** Removes a socket's presence and schedules the unload of an idle doc. */
  release(docId: string, socketId: string, awarenessClients: Iterable<number>): void {
    const entry = this.rooms.get(docId);
    if (!entry) return;
    void entry.then((loaded) => {
      loaded.sockets.delete(socketId);
      const ids = [...awarenessClients].filter((id) => loaded.awareness.states.has(id));
      if (ids.length > 0) {
        removeAwarenessStates(loaded.awareness, ids, 'server');
        const removal = encodeAwarenessUpdate(loaded.awareness, ids);
        this.deps.outlet.emitAwareness(docId, removal, socketId);
        this.deps.bus?.publishDoc(docId, { kind: 'awareness', payload: removal });
      }
      if (loaded.sockets.size === 0 && !loaded.idleTimer) {
        loaded.idleTimer = setTimeout(() => void this.unloadIfIdle(docId), this.idleMs);
      }
    });
  }

  private async unloadIfIdle(docId: string): Promise<void> {
    const entry = this.rooms.get(docId);
    if (!entry) return;
    const loaded = await entry;
    loaded.idleTimer = null;
    if (loaded.sockets.size > 0) return;
    if (loaded.room.hasPendingWrites()) {
      // Its last writes are still being committed (or retried): look again later, or a room
      // nobody joins again would stay loaded for good.
      loaded.idleTimer = setTimeout(() => void this.unloadIfIdle(docId), this.idleMs);
      return;
    }
    this.rooms.delete(docId);
    if (loaded.room.logLength > 20) loaded.room.scheduleCompaction();
    loaded.awareness.destroy();
    await loaded.room.close();
  }

  /**
   * A node went silent (died without closing its sockets): the presence that came through
   * it is removed here and on this node's clients now. Each node does this for itself, so
   * nothing is published. A client that reconnects elsewhere comes back with a newer clock.
   */
  async dropPresenceOf(nodeId: string): Promise<void> {
    await this.forEachLoaded(async (loaded) => {
      const ids: number[] = [];
      for (const [id, node] of loaded.remotePresence) {
        if (node !== nodeId) continue;
        loaded.remotePresence.delete(id);
        if (loaded.awareness.states.has(id)) ids.push(id);
      }
      if (ids.length === 0) return;
      removeAwarenessStates(loaded.awareness, ids, 'node-gone');
      this.deps.outlet.emitAwareness(loaded.room.docId, encodeAwarenessUpdate(loaded.awareness, ids), null);
    });
  }

  async forEachLoaded(fn: (loaded: LoadedRoom) => Promise<void>): Promise<void> {
    const entries = await Promise.allSettled([...this.rooms.values()]);
    for (const e of entries) if (e.status === 'fulfilled') await fn(e.value).catch((err: unknown) => console.error('[realtime] room task failed', err));
  }

  async get(docId: string): Promise<LoadedRoom | null> {
    const entry = this.rooms.get(docId);
    return entry ? entry : null;
  }

  async closeAll(): Promise<void> {
    const entries = [...this.rooms.values()];
    this.rooms.clear();
    for (const e of await Promise.allSettled(entries)) {
      if (e.status !== 'fulfilled') continue;
      if (e.value.idleTimer) clearTimeout(e.value.idleTimer);
      e.value.awareness.destroy();
      await e.value.room.close();
    }
  }
}

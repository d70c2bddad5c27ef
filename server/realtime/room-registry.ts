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
    const loaded: LoadedRoom = { room, awareness, sockets: new Set(), awarenessOwners: new Map(), idleTimer: null };
    room.onRemoteAwareness = (update) => {
      applyAwarenessUpdate(awareness, update, 'remote');
      this.deps.outlet.emitAwareness(docId, update, null);
    };
    const bus = this.deps.bus;
    if (bus) {
      room.onPresenceQuery = () => {
        const states = [...awareness.getStates().keys()];
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
    if (loaded.sockets.size > 0 || loaded.room.hasPendingWrites()) return;
    this.rooms.delete(docId);
    if (loaded.room.logLength > 20) loaded.room.scheduleCompaction();
    loaded.awareness.destroy();
    await loaded.room.close();
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

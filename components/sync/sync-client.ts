import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { ClientToServerEvents, DocAccess, DocErrorPayload, JoinAck, ServerToClientEvents, SyncAck, SyncErrorCode } from '../../domain/sync/protocol';
import { SYNC_NAMESPACE } from '../../domain/sync/protocol';
import { fromWire, toWire } from '../../domain/sync/wire-bytes';

/**
 * The realtime client: one socket (namespace /sync) carrying any number of docs, each a
 * DocHandle with its Y.Doc, presence, and connection/save state. Runs in the browser and
 * in Node (tests, benchmarks); offline storage is plugged in by the caller.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline';
export type SaveState = 'saved' | 'saving' | 'offline';

export interface DocStatus {
  connection: ConnectionState;
  save: SaveState;
  /** True while local changes are not yet durable on the server. */
  hasUnsavedChanges: boolean;
  access: DocAccess | null;
  /** Set when the server refused the doc (not found, revoked) or a write. */
  error: { code: SyncErrorCode | 'unauthenticated'; message: string } | null;
  isSynced: boolean;
  /**
   * Whether this device keeps a copy of the doc (IndexedDB) that outlives the page: false
   * until the store has opened, and where the browser refuses one. Without it, unsaved
   * changes exist only in this page.
   */
  isKeptOffline: boolean;
}

export interface OfflineStore {
  /** Resolves once stored state has been loaded into the doc. */
  whenLoaded: Promise<unknown>;
  /** Resolves true once the copy is open and kept, false if the browser refused it. */
  whenAvailable?: Promise<boolean>;
  destroy(): Promise<void> | void;
  /** Deletes the stored copy (after `destroy`): what this device kept and the server does not have is gone. */
  clear?(): Promise<void>;
}

export interface SyncClientOptions {
  url: string;
  /** Node only: send these headers (e.g. the session cookie). */
  extraHeaders?: Record<string, string>;
  transports?: ('polling' | 'websocket')[];
  offlineStore?: (docId: string, doc: Y.Doc) => OfflineStore;
  /** How long a join may go unanswered before it counts as failed and is tried again. */
  joinTimeoutMs?: number;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SERVER_ORIGIN = Symbol('server');
const RESYNC_DELAY_MS = 1500;
/**
 * The pause before trying again after `failures` failures in a row: 1 s, 2 s, 4 s … 30 s.
 * For a join the server could not serve, and for a socket the server dropped.
 */
function pauseAfter(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** failures);
}
/**
 * A join unanswered this long counts as failed (and is tried again). Generous: the first join
 * of a doc with a long log loads it (~1.5–3 s for 100,000 updates on the bench machines).
 */
const JOIN_TIMEOUT_MS = 20_000;

export class DocHandle {
  readonly awareness: Awareness;
  status: DocStatus = { connection: 'connecting', save: 'saved', hasUnsavedChanges: false, access: null, error: null, isSynced: false, isKeptOffline: false };
  private readonly listeners = new Set<(s: DocStatus) => void>();
  private inFlight = 0;
  /** Local changes made while not joined, or refused for now: the next exchange carries them. */
  private isDirty = false;
  private isJoined = false;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private joinFailures = 0;
  private readonly offline: OfflineStore | null;
  private isClosed = false;

  constructor(
    readonly client: SyncClient,
    readonly docId: string,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new Awareness(doc);
    this.offline = client.options.offlineStore ? client.options.offlineStore(docId, doc) : null;
    void this.offline?.whenAvailable?.then((isKept) => {
      if (!this.isClosed && isKept) this.setStatus({ isKeptOffline: true });
    });
    doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
  }

  private readonly recordListeners = new Set<(kind: string) => void>();

  /** Called when the server says this doc's records (checks, agreements, phase…) changed. */
  onRecord(listener: (kind: string) => void): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  handleRecord(kind: string): void {
    for (const l of this.recordListeners) l(kind);
  }

  onStatus(listener: (s: DocStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private setStatus(patch: Partial<DocStatus>): void {
    const hasUnsavedChanges = this.inFlight > 0 || this.isDirty;
    const connection = patch.connection ?? this.status.connection;
    const save: SaveState = connection !== 'online' ? 'offline' : hasUnsavedChanges ? 'saving' : 'saved';
    this.status = { ...this.status, ...patch, connection, hasUnsavedChanges, save };
    for (const l of this.listeners) l(this.status);
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === SERVER_ORIGIN) return;
    if (!this.isJoined || !this.client.isConnected() || this.status.access !== 'edit') {
      this.isDirty = true;
      this.setStatus({});
      return;
    }
    const e = encoding.createEncoder();
    syncProtocol.writeUpdate(e, update);
    this.send(encoding.toUint8Array(e));
  };

  private readonly handleAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === SERVER_ORIGIN || !this.isJoined) return;
    const changed = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
    if (changed.length === 0) return;
    this.client.socket.emit('doc:awareness', this.docId, toWire(encodeAwarenessUpdate(this.awareness, changed)));
  };

  /** Sends a sync message whose ack means "durable" and tracks it until then. */
  private send(message: Uint8Array): void {
    this.inFlight++;
    this.setStatus({});
    this.client.socket.emit('doc:sync', this.docId, toWire(message), (ack: SyncAck) => {
      this.inFlight = Math.max(0, this.inFlight - 1);
      if (!ack.ok) {
        if (ack.code === 'missing_dependencies' || ack.code === 'client_id_taken' || ack.code === 'internal') {
          // Nothing was lost: the content is still in our doc. Exchange state again shortly.
          this.isDirty = true;
          this.scheduleResync();
        } else this.status = { ...this.status, error: { code: ack.code, message: ack.message } };
      }
      this.setStatus({});
    });
  }

  private scheduleResync(): void {
    if (this.resyncTimer || this.isClosed) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      if (this.isJoined && this.client.isConnected()) this.sendStep1();
    }, RESYNC_DELAY_MS);
  }

  private scheduleRejoin(): void {
    if (this.rejoinTimer || this.isClosed) return;
    const pause = pauseAfter(this.joinFailures++);
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = null;
      // Offline meanwhile: the reconnect joins.
      if (!this.isClosed && !this.isJoined && this.client.isConnected()) void this.join();
    }, pause);
  }

  private sendStep1(): void {
    const e = encoding.createEncoder();
    syncProtocol.writeSyncStep1(e, this.doc);
    this.client.socket.emit('doc:sync', this.docId, toWire(encoding.toUint8Array(e)), () => undefined);
  }

  /** Joins (or re-joins after a reconnect) and starts the step-1/step-2 exchange. */
  async join(): Promise<void> {
    if (this.offline) await this.offline.whenLoaded;
    if (this.isClosed) return;
    this.setStatus({ connection: 'connecting' });
    let ack: JoinAck;
    try {
      ack = await this.client.socket.timeout(this.client.options.joinTimeoutMs ?? JOIN_TIMEOUT_MS).emitWithAck('doc:join', { docId: this.docId });
    } catch {
      // No answer in time. Dropped meanwhile: the reconnect joins. Otherwise the server is
      // stuck on it; ask again (a join it finishes late is answered the same way twice).
      if (this.isClosed || this.isJoined || !this.client.isConnected()) return;
      ack = { ok: false, code: 'internal', message: 'The server did not answer' };
    }
    if (this.isClosed) return;
    if (!ack.ok) {
      this.setStatus({ connection: 'online', error: { code: ack.code, message: ack.message }, access: null });
      // The server could not open it this time (its database hiccuped): try again, with a
      // growing pause, rather than leaving the page without its board until a reload.
      // Refusals (not found, too many docs) stand.
      if (ack.code === 'internal') this.scheduleRejoin();
      return;
    }
    this.joinFailures = 0;
    // Presence is announced with a clock two steps ahead of the last one sent. y-protocols
    // ignores a state whose clock is not newer than what a peer last saw: a fresh
    // Awareness starts at clock 0, which peers that never saw us treat as old, and when we
    // left the server told everyone our state was removed at clock+1. The first bump
    // happens while not joined, so only the second is sent.
    const local = this.awareness.getLocalState();
    if (local !== null) this.awareness.setLocalState(local);
    this.isJoined = true;
    this.setStatus({ connection: 'online', access: ack.access, error: null });
    this.sendStep1();
    if (local !== null) this.awareness.setLocalState(local);
  }

  handleSync(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep1) {
      // The server's state vector: answer with everything it lacks (our unsaved work).
      const missing = Y.encodeStateAsUpdate(this.doc, decoding.readVarUint8Array(decoder));
      const isEmpty = missing.length === 2 && missing[0] === 0 && missing[1] === 0;
      // A viewer has nothing to save: what "changed" locally was loaded from the offline
      // store, and the server refuses viewers' writes anyway.
      this.isDirty = false;
      if (this.status.access === 'edit') {
        if (!isEmpty) {
          const e = encoding.createEncoder();
          encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
          encoding.writeVarUint8Array(e, missing);
          this.send(encoding.toUint8Array(e));
        }
      }
      this.setStatus({});
      return;
    }
    const update = decoding.readVarUint8Array(decoder);
    Y.applyUpdate(this.doc, update, SERVER_ORIGIN);
    if (type === syncProtocol.messageYjsSyncStep2 && !this.status.isSynced) this.setStatus({ isSynced: true });
  }

  /** The server says this person's access changed (edit ↔ view) while joined. */
  handleAccess(access: unknown): void {
    if (access !== 'edit' && access !== 'view') return;
    const wasViewer = this.status.access !== 'edit';
    // A refusal as a viewer no longer applies once the person may edit.
    const error = access === 'edit' && this.status.error?.code === 'read_only' ? null : this.status.error;
    this.setStatus({ access, error });
    // Changes made while view-only were kept here: now they can go.
    if (access === 'edit' && wasViewer && this.isJoined) this.sendStep1();
  }

  handleAwareness(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, SERVER_ORIGIN);
  }

  handleError(err: DocErrorPayload): void {
    if (err.code === 'access_unconfirmed') {
      // Removed until the server can read our access again: join again after a pause.
      this.isJoined = false;
      this.dropRemotePresence();
      this.setStatus({ connection: 'connecting' });
      this.scheduleRejoin();
      return;
    }
    if (err.code === 'access_revoked') {
      this.isJoined = false;
      this.dropRemotePresence();
    }
    if (err.code === 'missing_dependencies' || err.code === 'client_id_taken') return;
    this.setStatus({ error: { code: err.code, message: err.message }, access: err.code === 'access_revoked' ? null : this.status.access });
  }

  handleDisconnect(): void {
    this.isJoined = false;
    if (this.inFlight > 0) this.isDirty = true;
    this.inFlight = 0;
    this.dropRemotePresence();
    this.setStatus({ connection: 'offline' });
  }

  private dropRemotePresence(): void {
    const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    if (others.length > 0) removeAwarenessStates(this.awareness, others, SERVER_ORIGIN);
    // Forget their clocks too: after a rejoin the server sends their unchanged states, which
    // y-protocols would ignore as "not newer" than the clock remembered here.
    for (const id of others) this.awareness.meta.delete(id);
  }

  whenSynced(): Promise<void> {
    return this.until((s) => s.isSynced || s.error !== null);
  }

  whenSaved(): Promise<void> {
    return this.until((s) => s.connection === 'online' && s.save === 'saved');
  }

  until(predicate: (s: DocStatus) => boolean): Promise<void> {
    return new Promise((resolve) => {
      const off = this.onStatus((s) => {
        if (predicate(s)) {
          queueMicrotask(() => off());
          resolve();
        }
      });
    });
  }

  /**
   * For a doc whose local changes the server refuses outright (too large, or not a valid
   * update): every exchange would send them again and be refused again, and the offline
   * copy brings them back on reload. Closes the doc and deletes this device's offline copy
   * of it; the page then opens it afresh from the server. Changes the server has are kept.
   */
  async discardLocalCopy(): Promise<void> {
    await this.close();
    await this.offline?.clear?.();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    this.doc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    this.awareness.setLocalState(null);
    if (this.isJoined && this.client.isConnected()) this.client.socket.emit('doc:leave', { docId: this.docId });
    this.isJoined = false;
    this.awareness.destroy();
    await this.offline?.destroy();
    this.client.forget(this.docId);
  }
}

export class SyncClient {
  readonly socket: ClientSocket;
  private readonly docs = new Map<string, DocHandle>();
  connectError: string | null = null;
  private isClosed = false;
  /** Reconnects after the server dropped this socket on purpose, with growing pauses. */
  private serverDropCount = 0;
  private rejoinTimer: ReturnType<typeof setTimeout> | null = null;
  private stableTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly options: SyncClientOptions) {
    this.socket = io(`${options.url}${SYNC_NAMESPACE}`, {
      parser: msgpackParser,
      withCredentials: true,
      transports: options.transports ?? ['websocket', 'polling'],
      extraHeaders: options.extraHeaders,
      reconnectionDelay: 250,
      reconnectionDelayMax: 3000,
    });
    this.socket.on('connect', () => {
      this.connectError = null;
      // A connection that lasts a minute resets the pause before the next forced reconnect.
      if (this.stableTimer) clearTimeout(this.stableTimer);
      this.stableTimer = setTimeout(() => (this.serverDropCount = 0), 60_000);
      for (const handle of this.docs.values()) void handle.join();
    });
    this.socket.on('disconnect', (reason) => {
      if (this.stableTimer) clearTimeout(this.stableTimer);
      for (const handle of this.docs.values()) handle.handleDisconnect();
      // The server closed this socket itself (after a fatal doc:error such as too many
      // messages): socket.io does not reconnect then, so we do, after a pause that grows
      // (1 s, 2 s, 4 s … 30 s) in case whatever the server refused is sent again.
      if (reason === 'io server disconnect') this.reconnectLater();
    });
    this.socket.on('connect_error', (err) => {
      this.connectError = err.message;
      for (const handle of this.docs.values()) handle.handleDisconnect();
      // This person has too many sockets open on the server: socket.io does not retry a
      // handshake its server refused, so we do, in case some of them close meanwhile.
      if (err.message === 'too_many_connections') this.reconnectLater();
    });
    // The server's binary may arrive as Buffer, ArrayBuffer or msgpack ext (see wire-bytes.ts).
    this.socket.on('doc:sync', (docId, message) => {
      const bytes = fromWire(message);
      if (bytes) this.docs.get(docId)?.handleSync(bytes);
    });
    this.socket.on('doc:record', ({ docId, kind }) => this.docs.get(docId)?.handleRecord(kind));
    this.socket.on('doc:access', (payload) => {
      if (typeof payload === 'object' && payload !== null) this.docs.get(payload.docId)?.handleAccess(payload.access);
    });
    this.socket.on('doc:awareness', (docId, update) => {
      const bytes = fromWire(update);
      if (bytes) this.docs.get(docId)?.handleAwareness(bytes);
    });
    this.socket.on('doc:error', (err) => {
      if (err.docId) this.docs.get(err.docId)?.handleError(err);
      else for (const handle of this.docs.values()) handle.handleError(err);
    });
  }

  /** Connects again after a pause that grows with each time the server turned us away. */
  private reconnectLater(): void {
    if (this.isClosed || this.rejoinTimer) return;
    const pause = pauseAfter(this.serverDropCount++);
    this.rejoinTimer = setTimeout(() => {
      this.rejoinTimer = null;
      if (!this.isClosed) this.socket.connect();
    }, pause);
  }

  isConnected(): boolean {
    return this.socket.connected;
  }

  /** Opens a doc on this connection; joins now if connected, else on connect. */
  open(docId: string, doc: Y.Doc = new Y.Doc()): DocHandle {
    const existing = this.docs.get(docId);
    if (existing) return existing;
    const handle = new DocHandle(this, docId, doc);
    this.docs.set(docId, handle);
    if (this.socket.connected) void handle.join();
    return handle;
  }

  forget(docId: string): void {
    this.docs.delete(docId);
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.rejoinTimer) clearTimeout(this.rejoinTimer);
    if (this.stableTimer) clearTimeout(this.stableTimer);
    await Promise.all([...this.docs.values()].map((d) => d.close()));
    this.socket.disconnect();
  }
}

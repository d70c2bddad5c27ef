import * as Y from 'yjs';
import type { ChangeRecord } from '../../domain/board/attribution';
import { describeTransaction } from '../../domain/board/attribution';
import type { SyncAck } from '../../domain/sync/protocol';
import type { ValidateContext, ValidateResult } from '../../domain/sync/validate-update';
import { validateAgainst } from '../../domain/sync/validate-update';
import { SERVER_CLIENT_ID, parseDocId } from '../../domain/sync/protocol';
import { BoardTitleMirror } from './board-title-mirror';
import { ClientClaimWindow } from './client-claims';
import { changedAnything, holdsAllOf } from './doc-changes';
import type { BusMessage, DocBus } from './doc-bus';
import { decodeClaims, encodeClaims } from './doc-bus';
import type { ParticipationRow, PendingWrite, StoredDoc } from './persistence';
import { LATE_ROW_WINDOW_MS, claimClientIds, compactDoc, readClientBindingRows, readStoredDoc, readUpdatesSince, writeSnapshot } from './persistence';
import { SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, encodeSyncMessage } from './sync-messages';
import type { LatencyTrace } from './latency-trace';
import type { UpdateLogWriter } from './update-log-writer';
import type { YjsWorkerPool } from './yjs-worker-pool';
import { WorkerTimeoutError } from './yjs-worker-pool';

/** How the room talks to sockets on this node; the socket layer implements it. */
export interface RoomOutlet {
  /** Emit to this node's sockets in the doc's room, except one. */
  emitSync(docId: string, message: Uint8Array, exceptSocketIds: string[]): void;
  /** Emit to one socket of this node. */
  emitSyncTo(socketId: string, docId: string, message: Uint8Array): void;
  emitAwareness(docId: string, update: Uint8Array, exceptSocketId: string | null): void;
}

export interface RoomDeps {
  pool: YjsWorkerPool;
  /** The node's group commit into the update log. */
  writer: UpdateLogWriter;
  bus: DocBus | null;
  outlet: RoomOutlet;
  /** Bench diagnostic (server/realtime/latency-trace.ts); absent or null when off. */
  trace?: LatencyTrace | null;
  /** When to fold the log into a snapshot (see `CompactionPolicy`). */
  compaction: CompactionPolicy;
}

/**
 * Compaction is maintenance: it reads the log, folds it in a worker and rewrites it, a
 * burst of work on every thread of the node. It waits for a quiet moment in the doc,
 * so that a room full of people typing is not slowed by it, unless the log grows so
 * long that loading it would become slow.
 */
export interface CompactionPolicy {
  /** Fold once the log is at least this long and the doc has been quiet for `quietMs`. */
  after: number;
  quietMs: number;
  /** Fold at once, quiet or not, when the log reaches this length. */
  hardLimit: number;
}

export interface ClientActor {
  userId: string;
  socketId: string;
  partnershipId: string;
}

type ClientOrigin = { kind: 'client'; actor: ClientActor };

const LOAD_IN_WORKER_AFTER = 200;
/**
 * Updates up to this size are validated on the event loop; larger ones (pastes, a step 2
 * after a long offline spell) go to a worker with time and heap limits.
 */
export const INLINE_VALIDATE_MAX_BYTES = 4096;

/**
 * One document in memory on this node: the Y.Doc, who owns which clientID, the queue of
 * writes waiting to become durable, and coalesced broadcasts. Updates from one socket
 * are processed in order; the ack for each resolves only after its commit.
 */
export class DocRoom {
  readonly doc = new Y.Doc({ gc: true });
  /** Yjs clientID → person who first wrote with it (persisted in doc_clients). */
  readonly owners = new Map<number, string>();
  /** How many clientIDs each person bound here within the hour (a rate limit). */
  private readonly claims = new ClientClaimWindow();
  lastUpdateId = 0;
  logLength = 0;
  private encodedState: Uint8Array | null = null;
  private readonly socketChains = new Map<string, Promise<unknown>>();
  /** Writes handed to the group commit and not yet committed. */
  private inFlight = 0;
  private readonly uncommitted = new Set<Promise<void>>();
  private readonly outgoing: { update: Uint8Array; sender: string | null }[] = [];
  private isOutgoingScheduled = false;
  private lastRecords: ChangeRecord[] = [];
  /** Whether the last update from another node (or the log) added or deleted anything here. */
  private remoteChanged = false;
  /**
   * Log rows this node already holds (its own commits, rows a catch-up went through), by
   * id, with when they were noted: the catch-up lists the last `LATE_ROW_WINDOW_MS` of the
   * log every time and does not fetch these.
   */
  private readonly heldRows = new Map<number, number>();
  private isCompacting = false;
  private isClosed = false;
  /** When (performance.now()) bindings were last read: at load, then by the catch-up. */
  private bindingsReadAt = performance.now();
  /** Removes this room's listener from the doc's Redis channel (when there is a bus). */
  private unsubscribe: (() => Promise<void>) | null = null;
  /** When the last write of this doc committed, for compaction's quiet check. */
  private lastCommitAt = 0;
  private quietTimer: NodeJS.Timeout | null = null;
  /** Test hook counters, also useful in logs. */
  readonly stats = { applied: 0, refused: 0, remoteApplied: 0 };

  /** Team boards: their title is copied to `boards.title` for lists of boards. */
  private readonly titleMirror: BoardTitleMirror | null;

  private constructor(
    readonly docId: string,
    private readonly deps: RoomDeps,
  ) {
    const parsed = parseDocId(docId);
    this.titleMirror = parsed?.kind === 'board' ? new BoardTitleMirror(parsed.id, this.doc) : null;
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (isClientOrigin(tr.origin)) this.lastRecords = describeTransaction(tr);
      else if (tr.origin === REMOTE_ORIGIN) this.remoteChanged = changedAnything(tr);
    });
  }

  static async load(docId: string, deps: RoomDeps): Promise<DocRoom> {
    const room = new DocRoom(docId, deps);
    // Listen before reading: what other nodes apply while this node reads is kept and
    // applied once the copy is loaded, instead of waiting for the next catch-up.
    const early: BusMessage[] = [];
    let isLoaded = false;
    if (deps.bus) room.unsubscribe = await deps.bus.subscribeDoc(docId, (msg) => (isLoaded ? room.handleBusMessage(msg) : early.push(msg)));
    let stored: StoredDoc;
    let bindings: Awaited<ReturnType<typeof readClientBindingRows>>;
    try {
      [stored, bindings] = await Promise.all([readStoredDoc(docId), readClientBindingRows(docId)]);
    } catch (err) {
      await room.unsubscribe?.().catch(() => undefined);
      throw err;
    }
    for (const b of bindings) {
      room.owners.set(b.clientId, b.userId);
      room.claims.record(b.userId, 1, b.firstSeenAt.getTime());
    }
    let foldedState: Uint8Array | null = null;
    if (stored.updates.length > LOAD_IN_WORKER_AFTER) {
      // A long log is folded off the event loop; the room applies one merged state.
      let state: Uint8Array;
      try {
        ({ state } = await deps.pool.merge(stored.snapshot, stored.updates));
      } catch (err) {
        // Over the worker's time or memory limit: no room, and no listener left behind.
        await room.unsubscribe?.().catch(() => undefined);
        throw err;
      }
      Y.applyUpdate(room.doc, state, 'load');
      foldedState = state;
    } else {
      room.doc.transact(() => {
        if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot);
        for (const u of stored.updates) Y.applyUpdate(room.doc, u);
      }, 'load');
    }
    room.lastUpdateId = stored.lastUpdateId;
    room.logLength = stored.logLength;
    isLoaded = true;
    for (const msg of early.splice(0)) room.handleBusMessage(msg);
    if (foldedState && room.logLength >= deps.compaction.after) {
      // The state just built is the snapshot: store it after the joiners are served,
      // without reading the log a second time.
      const state = foldedState;
      const covers = stored.lastUpdateId;
      setTimeout(() => {
        void writeSnapshot(docId, state, covers, stored.rowIds)
          .then(({ folded }) => {
            room.logLength = Math.max(0, room.logLength - folded);
          })
          .catch((err: unknown) => console.error(`[realtime] snapshot of ${docId} failed`, err));
      }, 1000);
    } else if (room.logLength >= deps.compaction.after) room.scheduleCompaction();
    return room;
  }

  /** clientID → next clock, read from the struct store (what Y.encodeStateVector walks). */
  stateVector(): Map<number, number> {
    const store = this.doc.store;
    return new Map([...store.clients.keys()].map((client) => [client, Y.getState(store, client)]));
  }

  /** Step 1 the server sends: its state vector. */
  step1(): Uint8Array {
    return encodeSyncMessage(SYNC_STEP1, Y.encodeStateVector(this.doc));
  }

  /**
   * Step 2 for a client's state vector. The full state (empty vector: a new joiner) is
   * cached until the next change, so hundreds of joins re-encode a large board once.
   */
  step2For(clientStateVector: Uint8Array): Uint8Array {
    const isEmptyVector = clientStateVector.length === 1 && clientStateVector[0] === 0;
    if (isEmptyVector) {
      this.encodedState ??= encodeSyncMessage(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc));
      return this.encodedState;
    }
    return encodeSyncMessage(SYNC_STEP2, Y.encodeStateAsUpdate(this.doc, clientStateVector));
  }

  /** Runs `work` after every earlier message of the same socket for this doc. */
  inOrder<T>(socketId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.socketChains.get(socketId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.socketChains.set(socketId, settled);
    void settled.then(() => {
      if (this.socketChains.get(socketId) === settled) this.socketChains.delete(socketId);
    });
    return next;
  }

  /**
   * Validates (in a worker), applies, relays and persists one client update. Resolves
   * with the ack to send: ok only once the update is committed.
   */
  async applyClientUpdate(update: Uint8Array, actor: ClientActor): Promise<{ ack: SyncAck & { fatal?: boolean }; durable: Promise<void> | null }> {
    const ack = (a: SyncAck & { fatal?: boolean }) => ({ ack: a, durable: null });
    const result = await this.validate(update, actor.userId);
    if (!result.ok) {
      this.stats.refused++;
      return ack({ ok: false, fatal: result.fatal, code: result.code, message: result.message });
    }
    // Nothing new, but what the update carries may be in memory only (its first sending is
    // still being committed): acknowledged once that commit is done, like the first.
    if (!result.accepted) return { ack: { ok: true }, durable: this.whenCommitted() };
    const taken = () => {
      this.stats.refused++;
      return ack({ ok: false, code: 'client_id_taken', message: 'clientID is bound to another person' });
    };
    // Another socket may have claimed a clientID while this update was being validated.
    if (this.isAnyBoundToOther(result.claimClients, actor.userId)) return taken();
    if (result.claimClients.length > 0) {
      if (!this.claims.allows(actor.userId, result.claimClients.length)) {
        this.stats.refused++;
        const message = `more than ${this.claims.limit} new clientIDs from one person in this doc within an hour`;
        return ack({ ok: false, fatal: true, code: 'update_rejected', message });
      }
      if (this.deps.bus) {
        // Several nodes: two of them could each see a new clientID as free within the
        // moment a claims message takes to cross, and apply different content under it.
        // PostgreSQL decides who was first; only the first update of each new clientID
        // waits for this round trip.
        let others: { clientId: number; userId: string }[];
        try {
          others = await claimClientIds(this.docId, actor.userId, result.claimClients);
        } catch (err) {
          console.error(`[realtime] binding clientIDs in ${this.docId} failed`, err);
          return ack({ ok: false, code: 'internal', message: 'could not record the clientID; try again' });
        }
        for (const o of others) this.bindRemote(o.userId, o.clientId);
        if (this.isAnyBoundToOther(result.claimClients, actor.userId)) return taken();
      }
      this.claims.record(actor.userId, result.claimClients.length);
    }
    for (const c of result.claimClients) this.owners.set(c, actor.userId);
    // Other nodes learn the binding before the update that uses it (one connection
    // publishes both, so Redis keeps their order).
    if (result.claimClients.length > 0) this.deps.bus?.publishDoc(this.docId, { kind: 'claims', payload: encodeClaims({ userId: actor.userId, clients: result.claimClients }) });
    const origin: ClientOrigin = { kind: 'client', actor };
    this.lastRecords = [];
    Y.applyUpdate(this.doc, result.accepted, origin);
    this.stats.applied++;
    this.titleMirror?.noteChange();
    this.encodedState = null;
    const events = this.toParticipationRows(this.lastRecords, actor);
    this.queueBroadcast(result.accepted, actor.socketId);
    this.deps.bus?.publishDoc(this.docId, { kind: 'update', payload: result.accepted });
    // The commit is awaited by the ack, not by the socket's next update: relaying never
    // waits for the database, only the sender's "saved" does.
    const durable = this.persist({ update: result.accepted, actorId: actor.userId, claimClients: result.claimClients, events });
    return { ack: { ok: true }, durable };
  }

  private isAnyBoundToOther(clients: number[], userId: string): boolean {
    return clients.some((c) => {
      const owner = this.owners.get(c);
      return owner !== undefined && owner !== userId;
    });
  }

  /**
   * Keystroke-sized updates are validated right here: decoding one is bounded by its bytes
   * (every read consumes input and lib0 checks bounds), so it cannot stall the loop, and
   * skipping the worker round trip keeps relay latency low. Larger ones go to a worker
   * with time and heap limits. Either way, bytes that cannot be decoded are a refusal.
   */
  private async validate(update: Uint8Array, userId: string): Promise<ValidateResult> {
    try {
      if (update.byteLength <= INLINE_VALIDATE_MAX_BYTES) return validateAgainst(update, this.validateContext(userId));
      // The worker gets a snapshot of what validation needs.
      const own = [...this.owners].filter(([, owner]) => owner === userId).map(([client]) => client);
      return await this.deps.pool.validate({ update, stateVector: [...this.stateVector()], ownClients: own, foreignClients: this.foreignClients(userId) });
    } catch (err) {
      const why = err instanceof WorkerTimeoutError ? 'took too long to decode' : 'could not be decoded';
      return { ok: false, fatal: true, code: 'update_rejected', message: `update ${why}` };
    }
  }

  /** Validation's questions answered from the live doc and bindings: nothing copied per update. */
  private validateContext(userId: string): ValidateContext {
    return {
      clockOf: (client) => Y.getState(this.doc.store, client),
      ownerOf: (client) => {
        if (client === SERVER_CLIENT_ID) return 'foreign';
        const owner = this.owners.get(client);
        return owner === undefined ? 'unbound' : owner === userId ? 'own' : 'foreign';
      },
      stateVector: () => this.stateVector(),
      foreignClients: () => this.foreignClients(userId),
    };
  }

  /** ClientIDs that are not this person's: the server's own and everyone else's. */
  private foreignClients(userId: string): number[] {
    return [SERVER_CLIENT_ID, ...[...this.owners].filter(([, owner]) => owner !== userId).map(([client]) => client)];
  }

  /**
   * An update made by the server itself (initial content, anonymous posts), built under the
   * reserved server clientID by server/realtime/write-doc.ts: applied, relayed and
   * persisted like any update. `events` records who asked for it where analytics may know.
   * Takes bytes, not a callback, so callers never mix their Yjs types into this doc (Next's
   * server code loads the same `yjs` module as the custom server, next.config.js, but a
   * bundled copy would be a second instance whose types Yjs does not recognise).
   */
  async applyServerUpdate(update: Uint8Array, events: ParticipationRow[]): Promise<void> {
    Y.applyUpdate(this.doc, update, 'server');
    this.encodedState = null;
    this.queueBroadcast(update, null);
    this.deps.bus?.publishDoc(this.docId, { kind: 'update', payload: update });
    await this.persist({ update, actorId: null, claimClients: [], events });
  }

  encodeState(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  private toParticipationRows(records: ChangeRecord[], actor: ClientActor): ParticipationRow[] {
    const at = new Date();
    return records.map((r) => ({
      partnershipId: actor.partnershipId,
      actorId: actor.userId,
      kind: r.kind,
      targetItem: r.targetItem,
      targetAuthorId: r.targetCreatorClientId === null ? null : (this.owners.get(r.targetCreatorClientId) ?? null),
      size: r.size,
      at,
    }));
  }

  private queueBroadcast(update: Uint8Array, senderSocketId: string | null): void {
    this.outgoing.push({ update, sender: senderSocketId });
    if (this.isOutgoingScheduled) return;
    this.isOutgoingScheduled = true;
    // Coalesce everything applied in this turn of the event loop: one frame with all of it
    // for sockets that sent nothing, and for each sender one frame with the others' updates
    // (never its own back).
    setImmediate(() => {
      this.isOutgoingScheduled = false;
      const batch = this.outgoing.splice(0);
      const trace = this.deps.trace;
      if (trace) for (const b of batch) trace.mark('turn', b.update);
      const merge = (list: Uint8Array[]) => (list.length === 1 && list[0] ? list[0] : Y.mergeUpdates(list));
      const senders = [...new Set(batch.flatMap((b) => (b.sender ? [b.sender] : [])))];
      this.deps.outlet.emitSync(this.docId, encodeSyncMessage(SYNC_UPDATE, merge(batch.map((b) => b.update))), senders);
      for (const sender of senders) {
        const others = batch.filter((b) => b.sender !== sender).map((b) => b.update);
        if (others.length > 0) this.deps.outlet.emitSyncTo(sender, this.docId, encodeSyncMessage(SYNC_UPDATE, merge(others)));
      }
      if (trace) for (const b of batch) trace.mark('sent', b.update);
    });
  }

  /**
   * Hands the write to the node's group commit (server/realtime/update-log-writer.ts),
   * which retries failed commits; nothing is acknowledged until it succeeds, and the
   * in-memory doc and the log stay the same content meanwhile.
   */
  private persist(write: PendingWrite): Promise<void> {
    this.inFlight++;
    const committed = this.deps.writer.append(this.docId, write).then((rowId) => {
      this.inFlight--;
      this.uncommitted.delete(committed);
      if (this.deps.bus) this.heldRows.set(rowId, performance.now());
      this.lastUpdateId = Math.max(this.lastUpdateId, rowId);
      this.logLength++;
      this.considerCompaction();
    });
    this.uncommitted.add(committed);
    return committed;
  }

  /**
   * Resolves once every write this node had handed to the database when called is committed.
   * What the server tells a client it holds (its state vector in a step 1, an ack of content
   * it already had) must not run ahead of the log: a client that reconnects while its last
   * change is still being committed would otherwise see it as saved, and lose it in a crash.
   */
  whenCommitted(): Promise<void> {
    return this.uncommitted.size === 0 ? Promise.resolve() : Promise.all([...this.uncommitted]).then(() => undefined);
  }

  /** After each commit: fold past the hard limit at once, else once the doc goes quiet. */
  private considerCompaction(): void {
    this.lastCommitAt = performance.now();
    const { after, hardLimit, quietMs } = this.deps.compaction;
    if (this.logLength >= hardLimit) this.scheduleCompaction();
    else if (this.logLength >= after && !this.quietTimer) this.compactWhenQuiet(quietMs);
  }

  private compactWhenQuiet(waitMs: number): void {
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null;
      if (this.isClosed || this.logLength < this.deps.compaction.after) return;
      const quietFor = performance.now() - this.lastCommitAt;
      if (quietFor >= this.deps.compaction.quietMs) this.scheduleCompaction();
      else this.compactWhenQuiet(this.deps.compaction.quietMs - quietFor);
    }, waitMs);
    this.quietTimer.unref();
  }

  hasPendingWrites(): boolean {
    return this.inFlight > 0;
  }

  async drain(): Promise<void> {
    while (this.inFlight > 0) {
      await this.deps.writer.drain();
      // Never spin on microtasks: a write the writer no longer counts settles on a later turn.
      if (this.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    }
  }

  scheduleCompaction(): void {
    if (this.isCompacting || this.isClosed) return;
    this.isCompacting = true;
    void compactDoc(this.docId, this.deps.pool)
      .then(({ folded }) => {
        this.logLength = Math.max(0, this.logLength - folded);
      })
      .catch((err: unknown) => console.error(`[realtime] compaction of ${this.docId} failed`, err))
      .finally(() => {
        this.isCompacting = false;
      });
  }

  /** An update another node applied: bring this copy up to date and tell local sockets. */
  private handleBusMessage(msg: BusMessage): void {
    if (msg.kind === 'update') this.applyTrustedUpdate(msg.payload);
    else if (msg.kind === 'claims') {
      const claims = decodeClaims(msg.payload);
      if (claims) for (const clientId of claims.clients) this.bindRemote(claims.userId, clientId);
      else console.error(`[realtime] a claims message for ${this.docId} could not be read`);
    } else if (msg.kind === 'presence_query') this.onPresenceQuery?.();
    else this.onRemoteAwareness?.(msg.payload, msg.from ?? null);
  }

  /**
   * A clientID another node bound: refused to anyone else here from now on, and counted in
   * the person's hourly allowance (at `at`, else now). One already bound here is left as it
   * is: the first binding stands, in memory as in `doc_clients`.
   */
  private bindRemote(userId: string, clientId: number, at?: number): void {
    if (this.owners.has(clientId)) return;
    this.owners.set(clientId, userId);
    this.claims.record(userId, 1, at);
  }

  /** `from`: the node that published it. */
  onRemoteAwareness: ((update: Uint8Array, from: string | null) => void) | null = null;
  /** Another node just loaded this doc and asks for everyone's presence. */
  onPresenceQuery: (() => void) | null = null;

  private applyTrustedUpdate(update: Uint8Array): void {
    this.remoteChanged = false;
    Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
    // Deletions count as changes: they add nothing to the state vector. Content waiting for
    // what it depends on goes out too: the clients hold it until the rest arrives.
    const { pendingDs, pendingStructs } = this.doc.store;
    if (!this.remoteChanged && pendingDs === null && pendingStructs === null) return;
    this.stats.remoteApplied++;
    this.encodedState = null;
    this.queueBroadcast(update, null);
  }

  /**
   * Anti-entropy with PostgreSQL, the source of truth: applies rows other nodes wrote
   * that pub/sub did not deliver. Cheap when nothing is new.
   */
  async catchUp(): Promise<void> {
    const since = await readUpdatesSince(this.docId, this.lastUpdateId, (id) => this.heldRows.has(id));
    if (since.snapshot) this.applyTrustedUpdate(since.snapshot);
    // Most rows are already here (this node's own, or another node's that came over Redis):
    // a row is applied only if it holds content or deletions this copy lacks, and each row
    // is looked at once, not on every pass over the window.
    const now = performance.now();
    for (const row of since.rows) {
      this.heldRows.set(row.id, now);
      if (!holdsAllOf(this.doc, row.update)) this.applyTrustedUpdate(row.update);
    }
    for (const [id, at] of this.heldRows) if (now - at > 2 * LATE_ROW_WINDOW_MS) this.heldRows.delete(id);
    this.lastUpdateId = Math.max(this.lastUpdateId, since.lastUpdateId);
    // Bindings too, in case a claims message was lost (Redis pub/sub is at-most-once):
    // those made since the last look, with the same margin as the rows for late commits
    // (elapsed time on this node's clock, compared with the database's).
    if (since.rows.length > 0 || since.snapshot) {
      const sinceLastLook = (now - this.bindingsReadAt) / 1000;
      this.bindingsReadAt = now;
      for (const b of await readClientBindingRows(this.docId, Math.ceil(sinceLastLook + LATE_ROW_WINDOW_MS / 1000))) {
        this.bindRemote(b.userId, b.clientId, b.firstSeenAt.getTime());
      }
    }
  }

  async close(): Promise<void> {
    this.isClosed = true;
    if (this.quietTimer) clearTimeout(this.quietTimer);
    await this.drain();
    await this.titleMirror?.flush();
    await this.unsubscribe?.().catch(() => undefined);
    this.doc.destroy();
  }
}

/** Transaction origin of updates from other nodes and from the log's catch-up. */
const REMOTE_ORIGIN = 'remote';

function isClientOrigin(origin: unknown): origin is ClientOrigin {
  return typeof origin === 'object' && origin !== null && 'kind' in origin && origin.kind === 'client';
}

import type { Socket } from 'socket.io';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { ClientToServerEvents, DocAccess, JoinAck, ServerToClientEvents, SyncAck, SyncErrorCode } from '../../domain/sync/protocol';
import { FATAL_SYNC_ERRORS, LIMITS, parseDocId } from '../../domain/sync/protocol';
import type { Party, Role } from '../../domain/partnership/roles';
import { fromWire, toWire } from '../../domain/sync/wire-bytes';
import type { DocBus } from './doc-bus';
import type { LocalFanout } from './local-fanout';
import type { LatencyTrace } from './latency-trace';
import { DocAccessRefresher, resolveDocAccess } from './doc-access';
import { TokenBucket } from './rate-limiter';
import type { LoadedRoom, RoomRegistry } from './room-registry';
import { SYNC_STEP1, encodeAwarenessEntries, isEmptyUpdate, parseAwarenessUpdate, parseSyncMessage } from './sync-messages';
import type { AwarenessEntry } from './sync-messages';

/** Who a presence state is from, as the server stamps it (never what the client wrote). */
function presenceIdentity(socket: SyncSocket, joined: JoinedDoc) {
  return { id: socket.data.userId, name: socket.data.userName, party: joined.party, role: joined.role };
}

/** The socket.io room of one party's sockets on a doc (bargaining sessions only). */
export function partyRoom(docId: string, party: Party): string {
  return `${docId}#party:${party}`;
}

export interface JoinedDoc {
  access: DocAccess;
  partnershipId: string;
  party: Party | null;
  role: Role | null;
  checkedAt: number;
  /** Age (ms) after which the decision is re-read in the background, before it expires. */
  refreshAfter: number;
  isRefreshing: boolean;
  awarenessClients: Set<number>;
}

export interface SocketData {
  userId: string;
  userName: string;
  docs: Map<string, JoinedDoc>;
  bucket: TokenBucket;
  /** The last `doc:sync` message of this socket still on its way into its room (`takeTurn`). */
  turn?: Promise<void>;
}

export type SyncSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Access decisions are re-read at least this often even without a membership event (and
 * for a socket that sends nothing: `sweepAccess`). A membership event crosses nodes over
 * Redis pub/sub, which is at-most-once: this bounds how long a lost one goes unnoticed.
 */
export const DEFAULT_ACCESS_TTL_MS = 30_000;

const noop = () => undefined;


/**
 * The socket layer: parses and checks every event (shape, size, rate, membership, access),
 * then hands the bytes to the doc's room. Thin on purpose; the room owns doc logic.
 */
export class SyncHandlers {
  private readonly socketsByUser = new Map<string, Set<SyncSocket>>();
  /** Counts access-change events (membership, locks): a join that spans one reads access again. */
  private accessEpoch = 0;
  /** Each person's message allowance over all their sockets on this node. */
  private readonly personBuckets = new Map<string, TokenBucket>();
  /** Background refreshes of many sockets' access, read together. */
  private readonly refresher = new DocAccessRefresher();

  constructor(
    private readonly registry: RoomRegistry,
    private readonly bus: DocBus | null,
    /** The docs' sockets on this node: relays and presence go out through it. */
    private readonly fanout: LocalFanout<SyncSocket>,
    /** Bench diagnostic, null unless ACCORD_LATENCY_TRACE is set. */
    private readonly trace: LatencyTrace | null = null,
    private readonly accessTtlMs = DEFAULT_ACCESS_TTL_MS,
  ) {}

  /** Half the TTL plus up to a quarter more, at random. */
  private refreshAfter(): number {
    return this.accessTtlMs * (0.5 + Math.random() * 0.25);
  }

  /**
   * Re-reads (in the background, batched) every decision older than the TTL, including
   * those of sockets that only listen: their access is otherwise re-read on a message or a
   * membership event, and a viewer who sends nothing would keep receiving a doc whose
   * access it lost while the event was lost between nodes. Called every few seconds.
   */
  sweepAccess(): void {
    const now = Date.now();
    for (const sockets of this.socketsByUser.values()) {
      for (const socket of sockets) {
        for (const [docId, joined] of socket.data.docs) if (now - joined.checkedAt > this.accessTtlMs) this.refreshInBackground(socket, docId, joined);
      }
    }
  }

  /** Re-reads one decision without anyone waiting for it (batched with others); one at a time. */
  private refreshInBackground(socket: SyncSocket, docId: string, joined: JoinedDoc): void {
    if (joined.isRefreshing) return;
    joined.isRefreshing = true;
    void this.recheck(socket, docId, 'batched')
      .catch((err: unknown) => console.error('[realtime] access refresh failed', err))
      .finally(() => {
        joined.isRefreshing = false;
      });
  }

  /**
   * Admits one more socket of this person on this node, or refuses it. Called in the
   * handshake, and the socket counts from then on (not from its connection), so handshakes
   * racing each other cannot pass the limit together.
   */
  admit(socket: SyncSocket): boolean {
    const { userId } = socket.data;
    let set = this.socketsByUser.get(userId);
    if ((set?.size ?? 0) >= LIMITS.maxSocketsPerPerson) return false;
    if (!set) {
      this.socketsByUser.set(userId, (set = new Set()));
      this.personBuckets.set(userId, new TokenBucket(LIMITS.personMessagesPerSecond, LIMITS.personMessageBurst));
    }
    set.add(socket);
    // Also frees the place of a handshake that never became a connection.
    socket.conn.once('close', () => this.forget(socket));
    return true;
  }

  private forget(socket: SyncSocket): void {
    const { userId } = socket.data;
    const set = this.socketsByUser.get(userId);
    if (!set?.delete(socket) || set.size > 0) return;
    this.socketsByUser.delete(userId);
    this.personBuckets.delete(userId);
  }

  attach(socket: SyncSocket): void {
    socket.on('doc:join', (payload, ack) => {
      const reply = typeof ack === 'function' ? ack : noop;
      if (!this.allow(socket)) return;
      void this.join(socket, payload).then(reply, (err: unknown) => {
        console.error('[realtime] join failed', err);
        reply({ ok: false, code: 'internal', message: 'Could not open the document' });
      });
    });
    socket.on('doc:leave', (payload) => {
      if (!this.allow(socket)) return;
      const docId = typeof payload === 'object' && payload !== null ? payload.docId : undefined;
      if (typeof docId === 'string') this.leave(socket, docId);
    });
    socket.on('doc:sync', (docId, message, ack) => {
      const reply = typeof ack === 'function' ? ack : noop;
      if (!this.allow(socket)) return;
      void this.sync(socket, docId, message).then(reply, (err: unknown) => {
        console.error('[realtime] sync failed', err);
        reply({ ok: false, code: 'internal', message: 'The server could not process the update' });
      });
    });
    socket.on('doc:awareness', (docId, update) => {
      if (!this.allow(socket)) return;
      void this.awareness(socket, docId, update).catch((err: unknown) => console.error('[realtime] awareness failed', err));
    });
    socket.on('disconnect', () => {
      for (const docId of [...socket.data.docs.keys()]) this.leave(socket, docId);
      this.forget(socket);
    });
  }

  /**
   * Rate limits for every event, the socket's and its person's; over either is fatal for
   * that socket only.
   */
  private allow(socket: SyncSocket): boolean {
    const person = this.personBuckets.get(socket.data.userId);
    if (socket.data.bucket.take() && (!person || person.take())) return true;
    if (socket.connected) this.fail(socket, null, 'rate_limited', 'Too many messages');
    return false;
  }

  private fail(socket: SyncSocket, docId: string | null, code: SyncErrorCode, message: string): void {
    socket.emit('doc:error', { docId, code, message });
    if (FATAL_SYNC_ERRORS.includes(code)) socket.disconnect(true);
  }

  private async join(socket: SyncSocket, payload: unknown): Promise<JoinAck> {
    const docId = typeof payload === 'object' && payload !== null && 'docId' in payload ? payload.docId : undefined;
    const parsed = parseDocId(docId);
    if (!parsed || typeof docId !== 'string') return { ok: false, code: 'bad_request', message: 'Unknown document id' };
    const existing = socket.data.docs.get(docId);
    if (existing) return { ok: true, access: existing.access };
    if (socket.data.docs.size >= LIMITS.maxDocsPerSocket) return { ok: false, code: 'too_many_docs', message: 'Too many open documents' };
    let epoch = this.accessEpoch;
    let decision = await resolveDocAccess(socket.data.userId, parsed);
    // Same answer for "does not exist" and "not yours": nothing about the doc leaks.
    if (decision.access === 'none' || !decision.partnershipId) return { ok: false, code: 'not_found', message: 'Document not found' };
    const loaded = await this.registry.acquire(docId, socket.id);
    // Access changed somewhere while the doc loaded (a re-check then would not have found
    // this socket on the doc yet): read it again, or the join would stand on the old answer.
    try {
      while (socket.connected && this.accessEpoch !== epoch) {
        epoch = this.accessEpoch;
        decision = await resolveDocAccess(socket.data.userId, parsed);
      }
    } catch (err) {
      this.registry.release(docId, socket.id, []);
      throw err; // answered `internal`: the client joins again after a pause
    }
    if (!socket.connected || decision.access === 'none' || !decision.partnershipId) {
      this.registry.release(docId, socket.id, []);
      return socket.connected ? { ok: false, code: 'not_found', message: 'Document not found' } : { ok: false, code: 'internal', message: 'Disconnected' };
    }
    socket.data.docs.set(docId, {
      access: decision.access,
      partnershipId: decision.partnershipId,
      party: decision.party,
      role: decision.role,
      checkedAt: Date.now(),
      refreshAfter: this.refreshAfter(),
      isRefreshing: false,
      awarenessClients: new Set(),
    });
    await socket.join(docId);
    // A bargaining session's sockets also sit in a room per party, for announcements that
    // are one party's business (server/realtime/service.ts).
    if (parsed.kind === 'ibb' && decision.party) await socket.join(partyRoom(docId, decision.party));
    if (socket.data.docs.has(docId)) this.fanout.add(docId, socket);
    else this.leaveRooms(socket, docId, decision.party);
    // After the ack: our state vector (the client answers with what we lack) and presence.
    setImmediate(() => {
      if (!socket.data.docs.has(docId)) return;
      this.sendStep1(socket, docId, loaded);
      const states = [...loaded.awareness.getStates().keys()];
      if (states.length > 0) socket.emit('doc:awareness', docId, toWire(encodeAwarenessUpdate(loaded.awareness, states)));
    });
    return { ok: true, access: decision.access };
  }

  private leave(socket: SyncSocket, docId: string): void {
    const joined = socket.data.docs.get(docId);
    if (!joined) return;
    socket.data.docs.delete(docId);
    this.leaveRooms(socket, docId, joined.party);
    this.fanout.remove(docId, socket);
    this.registry.release(docId, socket.id, joined.awarenessClients);
  }

  private leaveRooms(socket: SyncSocket, docId: string, party: Party | null): void {
    void socket.leave(docId);
    if (party) void socket.leave(partyRoom(docId, party));
  }

  /** The socket's joined doc, with access re-read when the cached decision is old. */
  private async joinedDoc(socket: SyncSocket, docId: unknown): Promise<{ docId: string; joined: JoinedDoc; loaded: LoadedRoom } | SyncAck> {
    if (typeof docId !== 'string') return { ok: false, code: 'bad_request', message: 'docId must be a string' };
    const joined = socket.data.docs.get(docId);
    if (!joined) return { ok: false, code: 'not_joined', message: 'Join the document first' };
    // Bargaining boards can be locked at any moment: their access is re-read on every message.
    const ttl = docId.startsWith('board:') ? this.accessTtlMs : 0;
    const age = Date.now() - joined.checkedAt;
    if (age > ttl) {
      const still = await this.recheck(socket, docId);
      if (!still) return { ok: false, code: 'access_revoked', message: 'Access to this document was withdrawn' };
    } else if (ttl > 0 && age > joined.refreshAfter) {
      // Refresh ahead, off the message's path: an active socket never waits for the
      // database here, and the re-reads of many sockets joined together spread out
      // (refreshAfter is jittered). Membership changes are re-checked at once anyway.
      this.refreshInBackground(socket, docId, joined);
    }
    const loaded = await this.registry.get(docId);
    if (!loaded) return { ok: false, code: 'not_joined', message: 'Join the document first' };
    return { docId, joined, loaded };
  }

  /**
   * One socket's sync messages enter their room in the order sent: reading access for one
   * (every message on a bargaining board) can take longer than for the next, since a
   * PostgreSQL pool answers in any order, and an update applied before the one it builds on
   * is refused (`missing_dependencies`, a resync later). The turn ends once the message is
   * queued in the room; its commit and ack do not hold up the next.
   */
  private async sync(socket: SyncSocket, rawDocId: unknown, rawMessage: unknown): Promise<SyncAck> {
    const release = await this.takeTurn(socket);
    let step: SyncAck | { docId: string; applying: Promise<{ ack: SyncAck & { fatal?: boolean }; durable: Promise<void> | null }> };
    try {
      step = await this.checkSync(socket, rawDocId, rawMessage);
    } finally {
      release();
    }
    if (!('applying' in step)) return step;
    const { ack: result, durable } = await step.applying;
    if (durable) await durable;
    if (!result.ok) {
      this.fail(socket, step.docId, result.code, result.message);
      return { ok: false, code: result.code, message: result.message };
    }
    return { ok: true };
  }

  private async takeTurn(socket: SyncSocket): Promise<() => void> {
    const previous = socket.data.turn;
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    socket.data.turn = mine;
    if (previous) await previous;
    return () => {
      release();
      if (socket.data.turn === mine) socket.data.turn = undefined;
    };
  }

  /** Checks one sync message and answers it, or queues its update in the room. */
  private async checkSync(
    socket: SyncSocket,
    rawDocId: unknown,
    rawMessage: unknown,
  ): Promise<SyncAck | { docId: string; applying: Promise<{ ack: SyncAck & { fatal?: boolean }; durable: Promise<void> | null }> }> {
    const message = fromWire(rawMessage);
    if (!message) {
      this.fail(socket, null, 'malformed_update', 'doc:sync needs binary y-protocols message');
      return { ok: false, code: 'malformed_update', message: 'Expected binary' };
    }
    if (message.byteLength > LIMITS.maxSyncFrameBytes) {
      this.fail(socket, typeof rawDocId === 'string' ? rawDocId : null, 'frame_too_large', 'Sync message too large');
      return { ok: false, code: 'frame_too_large', message: 'Sync message too large' };
    }
    this.trace?.mark('recv', message);
    const target = await this.joinedDoc(socket, rawDocId);
    if ('ok' in target) return target;
    const { docId, joined, loaded } = target;
    const parsed = parseSyncMessage(message);
    if (!parsed) {
      this.fail(socket, docId, 'malformed_update', 'Not a y-protocols sync message');
      return { ok: false, code: 'malformed_update', message: 'Not a y-protocols sync message' };
    }
    if (parsed.type === SYNC_STEP1) {
      // Answer with what the client lacks, then ask for what we lack.
      socket.emit('doc:sync', docId, toWire(loaded.room.step2For(parsed.payload)));
      this.sendStep1(socket, docId, loaded);
      return { ok: true };
    }
    if (isEmptyUpdate(parsed.payload)) return { ok: true };
    if (joined.access !== 'edit') {
      const res: SyncAck = { ok: false, code: 'read_only', message: 'You can view this document but not edit it' };
      socket.emit('doc:error', { docId, ...res });
      return res;
    }
    const actor = { userId: socket.data.userId, socketId: socket.id, partnershipId: joined.partnershipId };
    return { docId, applying: loaded.room.inOrder(socket.id, () => loaded.room.applyClientUpdate(parsed.payload, actor)) };
  }

  /**
   * Our state vector, once what this node was committing at this moment is committed: the
   * client sends whatever the vector lacks and otherwise counts its changes as saved, so the
   * vector must not include a change that is still only in memory (its author reconnecting
   * while the database is slow or failing would see it as saved).
   */
  private sendStep1(socket: SyncSocket, docId: string, loaded: LoadedRoom): void {
    const joined = socket.data.docs.get(docId);
    void loaded.room.whenCommitted().then(() => {
      if (socket.connected && socket.data.docs.get(docId) === joined) socket.emit('doc:sync', docId, toWire(loaded.room.step1()));
    });
  }

  private async awareness(socket: SyncSocket, rawDocId: unknown, rawUpdate: unknown): Promise<void> {
    const update = fromWire(rawUpdate);
    if (!update || update.byteLength > LIMITS.maxAwarenessFrameBytes) {
      this.fail(socket, null, 'frame_too_large', 'Awareness message too large or not binary');
      return;
    }
    const target = await this.joinedDoc(socket, rawDocId);
    if ('ok' in target) {
      if (!target.ok) socket.emit('doc:error', { docId: typeof rawDocId === 'string' ? rawDocId : null, code: target.code, message: target.message });
      return;
    }
    const { docId, joined, loaded } = target;
    const entries = parseAwarenessUpdate(update, LIMITS.maxAwarenessStateBytes);
    if (!entries) {
      this.fail(socket, docId, 'malformed_update', 'Not an awareness update');
      return;
    }
    const { userId } = socket.data;
    for (const entry of entries) {
      const owner = loaded.room.owners.get(entry.clientId) ?? loaded.awarenessOwners.get(entry.clientId);
      if (owner !== undefined && owner !== userId) {
        socket.emit('doc:error', { docId, code: 'client_id_taken', message: 'Presence under another person’s clientID' });
        return;
      }
    }
    for (const entry of entries) {
      loaded.awarenessOwners.set(entry.clientId, userId);
      loaded.remotePresence.delete(entry.clientId);
      joined.awarenessClients.add(entry.clientId);
      // Identity in presence comes from the session, whatever the client wrote.
      if (entry.state) entry.state.user = presenceIdentity(socket, joined);
    }
    const trusted = encodeAwarenessEntries(entries);
    applyAwarenessUpdate(loaded.awareness, trusted, socket.id);
    this.fanout.emit(docId, 'doc:awareness', [docId, toWire(trusted)], [socket.id]);
    this.bus?.publishDoc(docId, { kind: 'awareness', payload: trusted });
  }

  /**
   * Re-reads access for one joined doc; on loss, removes the socket from it at once.
   * `batched`: a refresh ahead of expiry, which waits up to a quarter second to be read
   * together with other sockets' (DocAccessRefresher).
   */
  private async recheck(socket: SyncSocket, docId: string, how: 'now' | 'batched' = 'now'): Promise<boolean> {
    const joined = socket.data.docs.get(docId);
    const parsed = parseDocId(docId);
    if (!joined || !parsed) return false;
    const decision = how === 'batched' ? await this.refresher.resolve(socket.data.userId, parsed) : await resolveDocAccess(socket.data.userId, parsed);
    // The socket may have left (or left and joined again) while the read was out.
    if (socket.data.docs.get(docId) !== joined) return socket.data.docs.has(docId);
    if (decision.access === 'none') {
      this.leave(socket, docId);
      socket.emit('doc:error', { docId, code: 'access_revoked', message: 'Access to this document was withdrawn' });
      return false;
    }
    // Tell the client at once, so its screen turns read-only (or editable) before the
    // person tries, rather than on a refused write.
    if (joined.access !== decision.access) socket.emit('doc:access', { docId, access: decision.access });
    const restamp = joined.party !== decision.party || joined.role !== decision.role;
    if (joined.party !== decision.party && parsed.kind === 'ibb') {
      if (joined.party) void socket.leave(partyRoom(docId, joined.party));
      if (decision.party) void socket.join(partyRoom(docId, decision.party));
    }
    joined.access = decision.access;
    joined.party = decision.party;
    joined.role = decision.role;
    joined.checkedAt = Date.now();
    joined.refreshAfter = this.refreshAfter();
    if (restamp) await this.restampPresence(socket, docId, joined);
    return true;
  }

  /**
   * A person's party or role changed while they were on the doc: the identity stamped into
   * their presence (`user`) is rewritten at once, for everyone including their own client
   * (whose clock then moves past the server's, so its next update is not taken as stale).
   */
  private async restampPresence(socket: SyncSocket, docId: string, joined: JoinedDoc): Promise<void> {
    if (joined.awarenessClients.size === 0) return;
    const loaded = await this.registry.get(docId);
    if (!loaded || socket.data.docs.get(docId) !== joined) return;
    const entries: AwarenessEntry[] = [];
    for (const clientId of joined.awarenessClients) {
      const state = loaded.awareness.getStates().get(clientId);
      const clock = loaded.awareness.meta.get(clientId)?.clock;
      if (!state || clock === undefined) continue;
      entries.push({ clientId, clock: clock + 1, state: { ...state, user: presenceIdentity(socket, joined) } });
    }
    if (entries.length === 0) return;
    const trusted = encodeAwarenessEntries(entries);
    applyAwarenessUpdate(loaded.awareness, trusted, socket.id);
    this.fanout.emit(docId, 'doc:awareness', [docId, toWire(trusted)], []);
    this.bus?.publishDoc(docId, { kind: 'awareness', payload: trusted });
  }

  /**
   * Called when access to the docs with this id part may have changed for everyone on them
   * (an IBB board locked or unlocked), on this node or, via Redis, another.
   */
  async recheckDocsOf(id: string): Promise<void> {
    this.accessEpoch++;
    const targets: [SyncSocket, string][] = [];
    for (const sockets of this.socketsByUser.values()) {
      for (const socket of sockets) {
        for (const docId of socket.data.docs.keys()) if (parseDocId(docId)?.id === id) targets.push([socket, docId]);
      }
    }
    await Promise.all(targets.map(([socket, docId]) => this.recheck(socket, docId).catch((err: unknown) => this.unconfirmed(socket, docId, err))));
  }

  /** Called when a person's membership changed (on this node or, via Redis, another). */
  async recheckUser(userId: string): Promise<void> {
    this.accessEpoch++;
    const sockets = this.socketsByUser.get(userId);
    if (!sockets) return;
    for (const socket of sockets) {
      for (const docId of [...socket.data.docs.keys()]) {
        await this.recheck(socket, docId).catch((err: unknown) => this.unconfirmed(socket, docId, err));
      }
    }
  }

  /**
   * Access may just have been withdrawn and could not be read: fail closed. The socket leaves
   * the doc (nothing more reaches it) and joins again once the database answers.
   */
  private unconfirmed(socket: SyncSocket, docId: string, err: unknown): void {
    console.error('[realtime] access re-check after a change failed; removing the socket from the doc until it joins again', err);
    if (!socket.data.docs.has(docId)) return;
    this.leave(socket, docId);
    socket.emit('doc:error', { docId, code: 'access_unconfirmed', message: 'Could not confirm access after a change; join again' });
  }
}

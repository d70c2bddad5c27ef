import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import * as Y from 'yjs';

/**
 * A Node client for Accord's realtime protocol, written from docs/protocol.md alone (it
 * must not import the app's own client or protocol module: it is the proof that the
 * document is enough to write one). No presence and no reconnect: the bench needs a
 * plain, measurable editor.
 */

const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

type Failure = { ok: false; code: string; message: string };
type JoinAck = { ok: true; access: 'edit' | 'view' } | Failure;
type SyncAck = { ok: true } | Failure;

interface ServerToClient {
  'doc:sync': (docId: string, message: unknown) => void;
  'doc:awareness': (docId: string, update: unknown) => void;
  'doc:error': (payload: { docId: string | null; code: string; message: string }) => void;
}

interface ClientToServer {
  'doc:join': (payload: { docId: string }, ack: (res: JoinAck) => void) => void;
  'doc:sync': (docId: string, message: Uint8Array, ack: (res: SyncAck) => void) => void;
  'doc:leave': (payload: { docId: string }) => void;
}

export interface AccordClientOptions {
  /** The app's origin, e.g. http://localhost:3000 (the namespace is /sync on it). */
  url: string;
  /** The session cookie header from signing in. */
  cookie: string;
  /** Called for every acknowledged (durable) update with the time from send to ack. */
  onAck?: (ms: number, ack: SyncAck) => void;
  onError?: (payload: { docId: string | null; code: string; message: string }) => void;
}

/** The protocol lets binary arrive as ArrayBuffer, Buffer or Uint8Array. */
function toBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

/** An update with no structs and no deletions. */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/** One joined doc: answers the server's step 1, applies its updates, sends local changes. */
class JoinedDoc {
  private resolveSynced: (() => void) | null = null;
  readonly synced: Promise<void>;

  constructor(
    private readonly client: AccordClient,
    readonly docId: string,
    readonly doc: Y.Doc,
  ) {
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
    // Everything not applied by this client is a local change: send it as a type-2 update.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.client.send(docId, UPDATE, update);
    });
  }

  receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (type === STEP1) {
      const missing = Y.encodeStateAsUpdate(this.doc, payload);
      if (!isEmptyUpdate(missing)) this.client.send(this.docId, STEP2, missing);
      return;
    }
    if (type === STEP2 || type === UPDATE) {
      Y.applyUpdate(this.doc, payload, this);
      if (type === STEP2 && this.resolveSynced) {
        this.resolveSynced();
        this.resolveSynced = null;
      }
    }
  }
}

export class AccordClient {
  readonly socket: Socket<ServerToClient, ClientToServer>;
  private readonly docs = new Map<string, JoinedDoc>();

  constructor(private readonly options: AccordClientOptions) {
    this.socket = io(`${options.url}/sync`, {
      parser: msgpackParser,
      transports: ['websocket'],
      extraHeaders: { cookie: options.cookie },
      reconnection: false,
      autoConnect: false,
    });
    this.socket.on('doc:sync', (docId, message) => {
      const bytes = toBytes(message);
      if (bytes) this.docs.get(docId)?.receive(bytes);
    });
    this.socket.on('doc:error', (payload) => options.onError?.(payload));
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
      this.socket.connect();
    });
  }

  /** Joins a doc and resolves once the server's state has been applied (step 2). */
  async open(docId: string, doc: Y.Doc): Promise<void> {
    const joined = new JoinedDoc(this, docId, doc);
    // Registered before the join: the server's step 1 follows the ack immediately.
    this.docs.set(docId, joined);
    const ack = await new Promise<JoinAck>((resolve) => this.socket.emit('doc:join', { docId }, resolve));
    if (!ack.ok) {
      this.docs.delete(docId);
      throw new Error(`join ${docId} refused: ${ack.code} ${ack.message}`);
    }
    this.send(docId, STEP1, Y.encodeStateVector(doc));
    await joined.synced;
  }

  /** Every doc:sync carries an ack; for changes (not step 1) it arrives once they are durable. */
  send(docId: string, type: number, payload: Uint8Array): void {
    const sentAt = performance.now();
    this.socket.emit('doc:sync', docId, syncMessage(type, payload), (ack) => {
      if (type !== STEP1 || !ack.ok) this.options.onAck?.(performance.now() - sentAt, ack);
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

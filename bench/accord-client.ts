import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { SocketIoTransport } from './accord-socketio';
import type { Transport } from './accord-wire';
import { WireTransport } from './accord-wire';

/**
 * A Node client for Accord's realtime protocol, written from docs/protocol.md alone (it
 * must not import the app's own client or protocol module: it is the proof that the
 * document is enough to write one). No presence and no reconnect: the bench needs a
 * plain, measurable editor. The transport is the document's "Wire level" spoken over a
 * bare WebSocket (`accord-wire.ts`) or socket.io-client (`accord-socketio.ts`).
 */

const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

type Failure = { ok: false; code: string; message: string };
type SyncAck = { ok: true } | Failure;

type ErrorPayload = { docId: string | null; code: string; message: string };

export interface AccordClientOptions {
  /** The app's origin, e.g. http://localhost:3000 (the namespace is /sync on it). */
  url: string;
  /** The session cookie header from signing in. */
  cookie: string;
  /** `wire` (a bare WebSocket, the default) or `socket.io-client`. */
  transport?: 'wire' | 'socket.io-client';
  /** Called for every acknowledged (durable) update with the time from send to ack. */
  onAck?: (ms: number, ack: SyncAck) => void;
  onError?: (payload: ErrorPayload) => void;
}

/** The protocol lets binary arrive as ArrayBuffer, Buffer or Uint8Array (or msgpack ext 0). */
function toBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (Array.isArray(value) && value.length === 2 && value[0] === 0) return toBytes(value[1]);
  return null;
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return typeof value === 'object' && value !== null && typeof (value as ErrorPayload).code === 'string';
}

function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && (value as Failure).ok === false;
}

/** A sync message as a Buffer: msgpack `bin` on the wire (Node's encoders write `bin` for a Buffer only). */
function syncMessage(type: number, payload: Uint8Array): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  const bytes = encoding.toUint8Array(e);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  readonly transport: Transport;
  private readonly docs = new Map<string, JoinedDoc>();

  constructor(private readonly options: AccordClientOptions) {
    this.transport = options.transport === 'socket.io-client' ? new SocketIoTransport(options.url, options.cookie) : new WireTransport(options.url, options.cookie);
    this.transport.onEvent((event, args) => {
      if (event === 'doc:sync') {
        const [docId, message] = args;
        const bytes = toBytes(message);
        if (typeof docId === 'string' && bytes) this.docs.get(docId)?.receive(bytes);
      } else if (event === 'doc:error' && isErrorPayload(args[0])) {
        options.onError?.(args[0]);
      }
    });
  }

  connect(): Promise<void> {
    return this.transport.connect();
  }

  /** Joins a doc and resolves once the server's state has been applied (step 2). */
  async open(docId: string, doc: Y.Doc): Promise<void> {
    const joined = new JoinedDoc(this, docId, doc);
    // Registered before the join: the server's step 1 follows the ack immediately.
    this.docs.set(docId, joined);
    const ack = await new Promise<unknown>((resolve) => this.transport.emit('doc:join', [{ docId }], resolve));
    if (isFailure(ack) || !ack) {
      this.docs.delete(docId);
      throw new Error(`join ${docId} refused: ${isFailure(ack) ? `${ack.code} ${ack.message}` : 'no answer'}`);
    }
    this.send(docId, STEP1, Y.encodeStateVector(doc));
    await joined.synced;
  }

  /** Every doc:sync carries an ack; for changes (not step 1) it arrives once they are durable. */
  send(docId: string, type: number, payload: Uint8Array): void {
    const sentAt = performance.now();
    this.transport.emit('doc:sync', [docId, syncMessage(type, payload)], (response) => {
      const ack: SyncAck = isFailure(response)
        ? response
        : typeof response === 'object' && response !== null && (response as { ok?: unknown }).ok === true
          ? { ok: true }
          : { ok: false, code: 'bad_ack', message: 'the ack is not { ok }' };
      if (type !== STEP1 || !ack.ok) this.options.onAck?.(performance.now() - sentAt, ack);
    });
  }

  close(): void {
    this.transport.close();
  }
}

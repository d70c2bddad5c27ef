import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import type { AccordEvents } from '../events';

/**
 * Cross-node messages for docs, over Redis pub/sub: each loaded doc subscribes to its
 * own channel so every node's in-memory copy (not just its clients) stays current.
 * Pub/sub is at-most-once; the rooms' periodic catch-up from PostgreSQL covers losses.
 */
export type BusKind = 'update' | 'awareness' | 'claims' | 'presence_query';

/**
 * `update`: a Yjs update this node applied and committed. `awareness`: a presence update.
 * `claims`: clientIDs this node just bound to a person (`encodeClaims`), published before
 * the update that uses them, so that every node refuses them to anyone else at once and
 * counts them in the person's hourly allowance. `presence_query` (no payload): a node just
 * loaded the doc and knows nobody's presence yet; nodes holding it answer with an
 * `awareness` message of the states of their own sockets (clients renew theirs only every 15 s).
 */
export interface BusMessage {
  kind: BusKind;
  payload: Uint8Array;
  /** The sending node's id, on messages received (publishers leave it out). */
  from?: string;
}

export interface ClaimsMessage {
  userId: string;
  clients: number[];
}

export function encodeClaims(claims: ClaimsMessage): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(claims));
}

/** Null for anything that is not a claims message (nodes trust each other, but not blindly). */
export function decodeClaims(payload: Uint8Array): ClaimsMessage | null {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { userId, clients } = parsed as Record<string, unknown>;
    if (typeof userId !== 'string' || !Array.isArray(clients)) return null;
    if (!clients.every((c): c is number => Number.isSafeInteger(c) && c >= 0 && c <= 0xffffffff)) return null;
    return { userId, clients };
  } catch {
    return null;
  }
}

export interface DocBus {
  readonly nodeId: string;
  /**
   * Listens to a doc's channel; resolves with a function that removes this listener only.
   * (A room closing and a new room for the same doc loading can overlap: unsubscribing the
   * channel as a whole would silence the new one.)
   */
  subscribeDoc(docId: string, onMessage: (msg: BusMessage) => void): Promise<() => Promise<void>>;
  publishDoc(docId: string, msg: BusMessage): void;
  /** An in-process event (events.ts) that every node must hear, from the other nodes. */
  subscribeEvent<K extends SharedEvent>(name: K, onEvent: (payload: AccordEvents[K]) => void): Promise<void>;
  publishEvent<K extends SharedEvent>(name: K, payload: AccordEvents[K]): void;
  /**
   * Every node's heartbeat (`NodeLiveness`), this node's own included: hearing our own
   * says our link to Redis works, so silence from the others means they are gone.
   */
  subscribeBeats(onBeat: (nodeId: string) => void): Promise<void>;
  publishBeat(): void;
  close(): Promise<void>;
}


/** Events every node re-checks access on: their channels and how a message is read back. */
const SHARED_EVENTS = {
  'membership:changed': {
    channel: 'accord:membership',
    read: (p: Record<string, unknown>): AccordEvents['membership:changed'] | null =>
      typeof p.partnershipId === 'string' && typeof p.userId === 'string' ? { partnershipId: p.partnershipId, userId: p.userId } : null,
  },
  'docs:access-changed': {
    channel: 'accord:docs-access',
    read: (p: Record<string, unknown>): AccordEvents['docs:access-changed'] | null => (typeof p.id === 'string' ? { id: p.id } : null),
  },
} as const;
export type SharedEvent = keyof typeof SHARED_EVENTS;

const KIND_BYTES: Record<BusKind, number> = { update: 1, awareness: 2, claims: 3, presence_query: 4 };
const KINDS = new Map<number, BusKind>(Object.entries(KIND_BYTES).map(([kind, byte]) => [byte, kind as BusKind]));
const NODE_ID_BYTES = 8;

function newClient(url: string) {
  return createClient({ url });
}
type RedisClient = ReturnType<typeof newClient>;

export async function connectRedis(url: string): Promise<{ pub: RedisClient; sub: RedisClient }> {
  const pub = newClient(url);
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err: unknown) => console.error('[redis] client error', err));
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub };
}

export async function createRedisDocBus(url: string): Promise<DocBus> {
  const { pub, sub } = await connectRedis(url);
  const nodeIdBytes = randomBytes(NODE_ID_BYTES);
  const nodeId = nodeIdBytes.toString('hex');
  const channel = (docId: string) => `accord:doc:${docId}`;
  const beatChannel = 'accord:nodes';

  return {
    nodeId,
    async subscribeDoc(docId, onMessage) {
      const listener = (raw: Buffer) => {
        if (raw.length < 1 + NODE_ID_BYTES) return;
        // Our own publications come back too; skip them.
        if (raw.subarray(1, 1 + NODE_ID_BYTES).equals(nodeIdBytes)) return;
        const kind = KINDS.get(raw[0] ?? 0);
        if (!kind) return;
        onMessage({ kind, payload: new Uint8Array(raw.subarray(1 + NODE_ID_BYTES)), from: raw.subarray(1, 1 + NODE_ID_BYTES).toString('hex') });
      };
      await sub.subscribe(channel(docId), listener, true);
      return async () => {
        await sub.unsubscribe(channel(docId), listener, true);
      };
    },
    publishDoc(docId, msg) {
      const frame = Buffer.concat([Buffer.from([KIND_BYTES[msg.kind]]), nodeIdBytes, Buffer.from(msg.payload)]);
      pub.publish(channel(docId), frame).catch((err: unknown) => console.error('[redis] publish failed', err));
    },
    async subscribeEvent(name, onEvent) {
      const { channel: eventChannel, read } = SHARED_EVENTS[name];
      await sub.subscribe(eventChannel, (raw: string) => {
        let payload: ReturnType<typeof read> = null;
        try {
          const parsed: unknown = JSON.parse(raw);
          if (typeof parsed === 'object' && parsed !== null) payload = read(parsed as Record<string, unknown>);
        } catch {
          // reported below
        }
        if (payload) onEvent(payload as Parameters<typeof onEvent>[0]);
        else console.error(`[redis] bad ${name} message`);
      });
    },
    publishEvent(name, payload) {
      pub.publish(SHARED_EVENTS[name].channel, JSON.stringify(payload)).catch((err: unknown) => console.error('[redis] publish failed', err));
    },
    async subscribeBeats(onBeat) {
      await sub.subscribe(beatChannel, (raw: string) => {
        if (/^[0-9a-f]{16}$/.test(raw)) onBeat(raw);
      });
    },
    publishBeat() {
      pub.publish(beatChannel, nodeId).catch((err: unknown) => console.error('[redis] publish failed', err));
    },
    async close() {
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}

import { binaryFrameOf } from './binary-frames';

/** What the fan-out needs of a socket.io server socket. */
export interface FanoutSocket {
  readonly id: string;
  /** socket.io's per-connection Client; its `writeToEngine` is what the adapter calls (private in its types). */
  readonly client: object;
}

type EngineWriter = { writeToEngine(encodedPackets: unknown[], opts: Record<string, unknown>): void };

interface PacketEncoder {
  encode(packet: never): unknown;
}

/** socket.io's packet type for an event (socket.io-protocol v5). */
const EVENT_PACKET = 2;

/**
 * The doc's sockets on this node, and a broadcast to them that costs one encode and one
 * WebSocket frame per broadcast and then one write per recipient.
 *
 * socket.io's own local broadcast (`nsp.local.to(room).except(…).emit`) builds two
 * operator objects and two sets per call and, for every member of the room, looks its
 * id up in three hash tables (the sockets already reached, the excluded ones, the
 * namespace's sockets) before writing. A doc's relay is the hottest loop of the server
 * (every edit, every other person in the doc), so the doc's sockets are kept here as
 * objects and written to directly, through the same `writeToEngine` that socket.io's
 * adapter calls (`binary-frames.ts` lets idle WebSocket connections take the pre-built
 * frame; busy, upgrading and long-polling ones queue the packet in engine.io as before).
 *
 * Rooms in socket.io's adapter are kept as well (`socket.join`): broadcasts that must reach
 * other nodes go through the adapter.
 */
export class LocalFanout<S extends FanoutSocket = FanoutSocket> {
  private readonly rooms = new Map<string, Set<S>>();

  constructor(
    private readonly encoder: PacketEncoder,
    private readonly namespace: string,
  ) {}

  add(room: string, socket: S): void {
    let members = this.rooms.get(room);
    if (!members) this.rooms.set(room, (members = new Set()));
    members.add(socket);
  }

  remove(room: string, socket: S): void {
    const members = this.rooms.get(room);
    if (!members) return;
    members.delete(socket);
    if (members.size === 0) this.rooms.delete(room);
  }

  size(room: string): number {
    return this.rooms.get(room)?.size ?? 0;
  }

  /** Emits `event` with `args` to every socket of the room on this node except `exceptIds`. */
  emit(room: string, event: string, args: unknown[], exceptIds: readonly string[]): void {
    const members = this.rooms.get(room);
    if (!members || members.size === 0) return;
    const encoded = this.encoder.encode({ type: EVENT_PACKET, data: [event, ...args], nsp: this.namespace } as never);
    if (!Array.isArray(encoded)) throw new Error('the socket.io parser returned no packet list');
    const frame = binaryFrameOf(encoded);
    const opts: Record<string, unknown> = frame ? { preEncoded: true, wsPreEncodedFrame: frame } : { preEncoded: true };
    for (const socket of members) {
      if (exceptIds.length > 0 && exceptIds.includes(socket.id)) continue;
      (socket.client as EngineWriter).writeToEngine(encoded, opts);
    }
  }
}

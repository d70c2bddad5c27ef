import { decode, encode } from 'notepack.io';
import WebSocket from 'ws';

/**
 * The protocol's transport spoken directly over a WebSocket, from the "Wire level"
 * section of docs/protocol.md: Engine.IO v4 framing, Socket.IO v5 packets encoded as
 * msgpack maps. It is what a client without a socket.io library (another language, a
 * lean load generator) has to write, and it is the bench's default Accord client: the
 * peers' bench clients are thin WebSocket clients too, so the clients' share of the two
 * shared cores is alike. `accord-socketio.ts` is the same client on socket.io-client.
 */

/** Socket.IO packet types (the msgpack map's `type`). */
const CONNECT = 0;
const DISCONNECT = 1;
const EVENT = 2;
const ACK = 3;
const CONNECT_ERROR = 4;

interface Packet {
  type: number;
  nsp: string;
  data?: unknown;
  id?: number;
}

function isPacket(value: unknown): value is Packet {
  return typeof value === 'object' && value !== null && typeof (value as Packet).type === 'number' && typeof (value as Packet).nsp === 'string';
}

export type EventHandler = (event: string, args: unknown[]) => void;

export interface Transport {
  connect(): Promise<void>;
  /**
   * Emits `event` with positional `args`; `ack` is called with the server's acknowledgement.
   * Bytes must be Buffers: Node's msgpack encoders write `bin` for a Buffer only.
   */
  emit(event: string, args: unknown[], ack?: (response: unknown) => void): void;
  onEvent(handler: EventHandler): void;
  close(): void;
}

export class WireTransport implements Transport {
  private socket: WebSocket | null = null;
  private nextAckId = 0;
  private readonly acks = new Map<number, (response: unknown) => void>();
  private handler: EventHandler = () => {};

  constructor(
    /** The app's origin, e.g. http://localhost:3000. */
    private readonly url: string,
    private readonly cookie: string,
    private readonly nsp = '/sync',
  ) {}

  onEvent(handler: EventHandler): void {
    this.handler = handler;
  }

  connect(): Promise<void> {
    const endpoint = `${this.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(endpoint, { headers: { cookie: this.cookie }, perMessageDeflate: false });
      this.socket = socket;
      let connected = false;
      socket.on('error', (err) => {
        if (!connected) reject(err);
      });
      socket.on('close', () => {
        if (!connected) reject(new Error('connection closed before the namespace connected'));
        this.acks.clear();
      });
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary) {
          // Engine.IO text packets: 0 open, 1 close, 2 ping, 3 pong, 4 message, 6 noop.
          const text = data.toString('utf8');
          if (text.startsWith('0')) socket.send(encode({ type: CONNECT, nsp: this.nsp }));
          else if (text === '2') socket.send('3');
          else if (text.startsWith('1')) socket.close();
          return;
        }
        // A binary WebSocket message is one Engine.IO message: one msgpack-encoded Socket.IO packet.
        const packet = decode(data);
        if (!isPacket(packet) || packet.nsp !== this.nsp) return;
        switch (packet.type) {
          case CONNECT:
            connected = true;
            resolve();
            return;
          case CONNECT_ERROR: {
            const message = typeof packet.data === 'string' ? packet.data : (packet.data as { message?: string } | undefined)?.message;
            reject(new Error(message ?? 'connect_error'));
            socket.close();
            return;
          }
          case EVENT: {
            const [event, ...args] = Array.isArray(packet.data) ? packet.data : [];
            if (typeof event === 'string') this.handler(event, args);
            return;
          }
          case ACK: {
            if (packet.id === undefined) return;
            const ack = this.acks.get(packet.id);
            this.acks.delete(packet.id);
            ack?.(Array.isArray(packet.data) ? packet.data[0] : undefined);
            return;
          }
          case DISCONNECT:
            socket.close();
            return;
        }
      });
    });
  }

  emit(event: string, args: unknown[], ack?: (response: unknown) => void): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const packet: Packet = { type: EVENT, nsp: this.nsp, data: [event, ...args] };
    if (ack) {
      packet.id = this.nextAckId++;
      this.acks.set(packet.id, ack);
    }
    socket.send(encode(packet));
  }

  close(): void {
    this.socket?.close();
  }
}

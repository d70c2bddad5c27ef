import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { EventHandler, Transport } from './accord-wire';

/**
 * The same transport on socket.io-client with socket.io-msgpack-parser, the library the
 * browser's client uses (the bench row "Accord (socket.io-client)").
 */
export class SocketIoTransport implements Transport {
  private readonly socket: Socket;

  constructor(url: string, cookie: string) {
    this.socket = io(`${url}/sync`, {
      parser: msgpackParser,
      transports: ['websocket'],
      extraHeaders: { cookie },
      reconnection: false,
      autoConnect: false,
    });
  }

  onEvent(handler: EventHandler): void {
    this.socket.onAny((event: string, ...args: unknown[]) => handler(event, args));
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
      this.socket.connect();
    });
  }

  emit(event: string, args: unknown[], ack?: (response: unknown) => void): void {
    if (ack) this.socket.emit(event, ...args, ack);
    else this.socket.emit(event, ...args);
  }

  close(): void {
    this.socket.disconnect();
  }
}

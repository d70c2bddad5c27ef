import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { ClientToServerEvents, ServerToClientEvents, SyncAck } from '../../domain/sync/protocol';

/**
 * A bare protocol client for tests that must see every individual ack (durability under
 * a crash): each update is sent on its own and its ack recorded.
 */
export function rawSocket(url: string, cookie: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  return io(`${url}/sync`, { parser: msgpackParser, transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

export function sendUpdate(socket: Socket<ServerToClientEvents, ClientToServerEvents>, docId: string, update: Uint8Array): Promise<SyncAck> {
  return new Promise((resolve) => socket.emit('doc:sync', docId, updateMessage(update), resolve));
}

/** Captures the update a change produces. */
export function capture(doc: Y.Doc, change: () => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const handler = (u: Uint8Array) => parts.push(u);
  doc.on('update', handler);
  change();
  doc.off('update', handler);
  return parts.length === 1 && parts[0] ? parts[0] : Y.mergeUpdates(parts);
}

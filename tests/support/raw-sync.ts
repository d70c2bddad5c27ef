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

/**
 * A sync message with one update writing under `count` clientIDs no server has seen
 * (each adds its own key to the map `tabs`), as pages reloaded offline would bring.
 */
export function fromNewClients(count: number): Uint8Array {
  return updateMessage(
    Y.mergeUpdates(
      Array.from({ length: count }, () => {
        const d = new Y.Doc();
        d.getMap('tabs').set(String(d.clientID), true);
        return Y.encodeStateAsUpdate(d);
      }),
    ),
  );
}

/**
 * A sync message adding ' (forged)' to the text `key` of `victim`'s doc (after its first
 * `at` characters) under the victim's own clientID, as someone else holding a copy would.
 */
export function forgedUnder(victim: Y.Doc, key: string, at: number): Uint8Array {
  const spoof = new Y.Doc();
  Y.applyUpdate(spoof, Y.encodeStateAsUpdate(victim));
  // Set after applying: Yjs picks a fresh clientID when it sees its own in remote content.
  spoof.clientID = victim.clientID;
  return updateMessage(capture(spoof, () => spoof.getText(key).insert(at, ' (forged)')));
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

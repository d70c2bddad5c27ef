import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io';
import { Server } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import { io as connect } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBinaryFramesDirectly } from './binary-frames';
import { LocalFanout } from './local-fanout';

type Transport = 'polling' | 'websocket';

describe('LocalFanout: a doc’s relay to its sockets on this node', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /** A real socket.io server with the fan-out, and one connected client per transport list. */
  async function serverWith(clients: Transport[][]) {
    const http = createServer();
    const io = new Server(http, { parser: msgpackParser });
    const nsp = io.of('/sync');
    const fanout = new LocalFanout<Socket>(io.encoder, nsp.name);
    const serverSockets: Socket[] = [];
    nsp.on('connection', (socket) => {
      writeBinaryFramesDirectly(socket.client);
      serverSockets.push(socket);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => io.close(() => resolve())));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
    const connected: ClientSocket[] = [];
    for (const transports of clients) {
      const client = connect(url, { parser: msgpackParser, transports, reconnection: false });
      closers.push(async () => void client.close());
      await new Promise<void>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('connect_error', reject);
      });
      connected.push(client);
    }
    await expect.poll(() => serverSockets.length).toBe(clients.length);
    // Server sockets in the clients' order.
    const ordered = connected.map((c) => serverSockets.find((s) => s.id === c.id)!);
    return { fanout, sockets: ordered, clients: connected };
  }

  function received(client: ClientSocket): [string, Uint8Array][] {
    const got: [string, Uint8Array][] = [];
    client.on('doc:sync', (docId: string, bytes: Uint8Array) => got.push([docId, new Uint8Array(bytes)]));
    return got;
  }

  it('delivers to every member of the room except the excluded, over WebSocket and long-polling alike', async () => {
    const { fanout, sockets, clients } = await serverWith([['websocket'], ['websocket'], ['polling'], ['websocket']]);
    const [a, b, c, outsider] = sockets as [Socket, Socket, Socket, Socket];
    fanout.add('doc-1', a);
    fanout.add('doc-1', b);
    fanout.add('doc-1', c);
    fanout.add('doc-2', outsider);
    const inbox = clients.map(received);

    fanout.emit('doc-1', 'doc:sync', ['doc-1', new Uint8Array([1, 2, 3])], [a.id]);

    await expect.poll(() => inbox[1]!.length + inbox[2]!.length).toBe(2);
    expect(inbox[1]).toEqual([['doc-1', new Uint8Array([1, 2, 3])]]);
    expect(inbox[2]).toEqual([['doc-1', new Uint8Array([1, 2, 3])]]);
    // Neither the excluded sender nor a socket of another doc got anything.
    await new Promise((r) => setTimeout(r, 100));
    expect(inbox[0]).toEqual([]);
    expect(inbox[3]).toEqual([]);
  });

  it('keeps order per socket when frames and queued packets mix', async () => {
    const { fanout, sockets, clients } = await serverWith([['websocket']]);
    const [only] = sockets as [Socket];
    fanout.add('doc-1', only);
    const inbox = received(clients[0]!);
    for (let i = 0; i < 50; i++) {
      fanout.emit('doc-1', 'doc:sync', ['doc-1', new Uint8Array([i])], []);
      // An emit of the socket's own (engine.io's queue when busy) between broadcasts.
      if (i % 7 === 0) only.emit('doc:sync', 'doc-1', new Uint8Array([100 + i]));
    }
    await expect.poll(() => inbox.length).toBe(50 + 8);
    const order = inbox.map(([, bytes]) => bytes[0]!);
    expect(order.filter((v) => v < 100)).toEqual([...Array(50).keys()]);
    // Each own emit lands right after the broadcast before it.
    for (let i = 0; i < 50; i += 7) expect(order[order.indexOf(i) + 1]).toBe(100 + i);
  });

  it('forgets sockets that left, and empty rooms', async () => {
    const { fanout, sockets, clients } = await serverWith([['websocket'], ['websocket']]);
    const [a, b] = sockets as [Socket, Socket];
    fanout.add('doc-1', a);
    fanout.add('doc-1', b);
    expect(fanout.size('doc-1')).toBe(2);
    fanout.remove('doc-1', a);
    const inbox = clients.map(received);
    fanout.emit('doc-1', 'doc:sync', ['doc-1', new Uint8Array([9])], []);
    await expect.poll(() => inbox[1]!.length).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(inbox[0]).toEqual([]);
    fanout.remove('doc-1', b);
    expect(fanout.size('doc-1')).toBe(0);
    // Removing twice, or from a room that does not exist, is harmless.
    fanout.remove('doc-1', b);
    fanout.remove('nope', a);
    fanout.emit('doc-1', 'doc:sync', ['doc-1', new Uint8Array([10])], []);
  });
});

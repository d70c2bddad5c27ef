import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { preEncodeBinaryFrames, writeBinaryFramesDirectly } from './binary-frames';

type EncodeHook = (packet: unknown, opts: Record<string, unknown>) => unknown[];

describe('pre-encoded binary broadcast frames', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** A patched server with one client joined to 'room', over the given transports. */
  async function roomOfOne(transports: ('polling' | 'websocket')[]) {
    const http = createServer();
    const io = new Server(http, { parser: msgpackParser });
    const nsp = io.of('/sync');
    preEncodeBinaryFrames(nsp.adapter);
    const joined = new Promise<import('socket.io').Socket>((resolve) =>
      nsp.on('connection', (socket) => {
        writeBinaryFramesDirectly(socket.client);
        void socket.join('room');
        resolve(socket);
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => io.close(() => resolve())));
    const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}/sync`, { parser: msgpackParser, transports, reconnection: false });
    closers.push(async () => void client.close());
    return { nsp, socket: await joined, client };
  }

  it('builds one complete WebSocket binary frame per broadcast packet', () => {
    const io = new Server({ parser: msgpackParser });
    const adapter = io.of('/sync').adapter as unknown as { _encode: EncodeHook };
    expect(preEncodeBinaryFrames(adapter)).toBe(true);
    const opts: Record<string, unknown> = {};
    const [encoded] = adapter._encode({ type: 2, data: ['doc:sync', 'board:x', new Uint8Array([2, 1, 7])], nsp: '/sync' }, opts);
    const payload = Buffer.from(encoded as Uint8Array);
    const frames = opts.wsPreEncodedFrame as Buffer[];
    expect(frames).toHaveLength(1);
    const frame = frames[0] as Buffer;
    // FIN + opcode 2 (binary), unmasked, 7-bit length, then exactly the encoded packet.
    expect(frame[0]).toBe(0x82);
    expect(frame[1]).toBe(payload.length);
    expect(frame.subarray(2).equals(payload)).toBe(true);
  });

  it('delivers broadcasts intact to WebSocket and long-polling clients alike', async () => {
    const http = createServer();
    const io = new Server(http, { parser: msgpackParser });
    const nsp = io.of('/sync');
    expect(preEncodeBinaryFrames(nsp.adapter)).toBe(true);
    nsp.on('connection', (socket) => {
      expect(writeBinaryFramesDirectly(socket.client)).toBe(true);
      void socket.join('room');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => io.close(() => resolve())));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/sync`;
    const clients = (['websocket', 'polling'] as const).map((transport) => connect(url, { parser: msgpackParser, transports: [transport], reconnection: false }));
    closers.push(async () => clients.forEach((c) => c.close()));
    await Promise.all(clients.map((c) => new Promise((resolve) => c.once('connect', () => resolve(null)))));
    await new Promise((r) => setTimeout(r, 50)); // joins are applied
    // Large enough for a 16-bit length field as well as small ones.
    const bodies = [new Uint8Array([1, 2, 3]), new Uint8Array(70_000).map((_, i) => i % 251)];
    const received = clients.map(
      (c) =>
        new Promise<Uint8Array[]>((resolve) => {
          const got: Uint8Array[] = [];
          c.on('doc:sync', (_doc: string, body: Uint8Array) => {
            got.push(new Uint8Array(body));
            if (got.length === bodies.length) resolve(got);
          });
        }),
    );
    for (const body of bodies) nsp.to('room').emit('doc:sync', 'board:x', body);
    for (const got of await Promise.all(received)) expect(got.map((b) => Buffer.from(b).toString('hex'))).toEqual(bodies.map((b) => Buffer.from(b).toString('hex')));
  });

  it('keeps the order of direct frame writes and ordinary packets on one connection', async () => {
    const { nsp, socket, client } = await roomOfOne(['websocket']);
    await new Promise((r) => setTimeout(r, 50));
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => {
      const note = (n: number) => {
        seen.push(n);
        if (seen.length === 300) resolve();
      };
      client.on('doc:sync', (_doc: string, body: Uint8Array) => note(new DataView(new Uint8Array(body).buffer).getUint32(0)));
      client.on('plain', (n: number) => note(n));
    });
    // Broadcasts (one frame built for all) interleaved with packets for this socket alone
    // (framed as they are sent), in bursts and across turns.
    for (let n = 0; n < 300; n++) {
      if (n % 3 === 1) socket.emit('plain', n);
      else {
        const body = new Uint8Array(4);
        new DataView(body.buffer).setUint32(0, n);
        nsp.to('room').emit('doc:sync', 'board:x', body);
      }
      if (n % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    await done;
    expect(seen).toEqual(Array.from({ length: 300 }, (_, n) => n));
  });

  it('keeps the order of every packet across the upgrade from long-polling to WebSocket', async () => {
    // Polling first, then the upgrade: packets written meanwhile queue in engine.io, and
    // direct writes may start only once that queue has gone out on the WebSocket.
    const { nsp, socket, client } = await roomOfOne(['polling', 'websocket']);
    const total = 600;
    const burst = 40;
    const seen: number[] = [];
    const done = new Promise<void>((resolve) => {
      const note = (n: number) => {
        seen.push(n);
        if (seen.length === total + burst) resolve();
      };
      client.on('doc:sync', (_doc: string, body: Uint8Array) => note(new DataView(new Uint8Array(body).buffer).getUint32(0)));
      client.on('own', (_doc: string, body: Uint8Array) => note(new DataView(new Uint8Array(body).buffer).getUint32(0)));
    });
    for (let n = 0; n < total; n++) {
      // Every other packet is for this socket alone (framed on the spot, or over 64 KiB
      // through engine.io, which leaves it busy until the write completes), the rest broadcasts.
      const body = Buffer.alloc(n % 10 === 0 ? 70_000 : 4);
      body.writeUInt32BE(n);
      if (n % 2 === 0) socket.emit('own', 'board:x', body);
      else nsp.to('room').emit('doc:sync', 'board:x', body);
      await new Promise((r) => setTimeout(r, n % 20 === 0 ? 5 : 0));
    }
    // Then bursts within one turn: while a large packet's write is pending, engine.io
    // holds the next one, and a small packet after it must not overtake it.
    for (let n = total; n < total + burst; n++) {
      const body = Buffer.alloc(n % 4 < 2 ? 70_000 : 4);
      body.writeUInt32BE(n);
      if (n % 4 === 3) nsp.to('room').emit('doc:sync', 'board:x', body);
      else socket.emit('own', 'board:x', body);
    }
    await done;
    expect(client.io.engine.transport.name).toBe('websocket');
    expect(seen).toEqual(Array.from({ length: total + burst }, (_, n) => n));
  });
});

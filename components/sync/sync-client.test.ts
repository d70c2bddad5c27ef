import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_NAMESPACE } from '../../domain/sync/protocol';
import { SyncClient } from './sync-client';

/**
 * A stand-in server on a real socket (socket.io with Accord's parser, on loopback) that
 * answers `doc:join` only from the given attempt on: what a stuck server looks like to
 * the client. The real server's behaviour is covered by tests/integration.
 */
async function serverAnsweringJoinFrom(attempt: number) {
  const http = createServer();
  const io = new Server(http, { parser: msgpackParser });
  let joins = 0;
  io.of(SYNC_NAMESPACE).on('connection', (socket) => {
    socket.on('doc:join', (_payload: unknown, ack: (res: unknown) => void) => {
      joins++;
      if (joins >= attempt) ack({ ok: true, access: 'edit' });
    });
    socket.on('doc:sync', (_docId: unknown, _message: unknown, ack?: (res: unknown) => void) => ack?.({ ok: true }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    joins: () => joins,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

describe('SyncClient joins', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('asks again when a join goes unanswered, instead of showing "Connecting…" until a reconnect', async () => {
    const server = await serverAnsweringJoinFrom(2);
    const client = new SyncClient({ url: server.url, transports: ['websocket'], joinTimeoutMs: 300 });
    cleanups.push(() => client.close(), server.close);
    const handle = client.open('board:00000000-0000-4000-8000-000000000001');
    await handle.until((s) => s.connection === 'online' && s.access === 'edit');
    expect(server.joins()).toBe(2);
    expect(handle.status.error).toBeNull();
  });
});

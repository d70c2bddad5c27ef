import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import msgpackParser from 'socket.io-msgpack-parser';
import { LIMITS, SYNC_NAMESPACE } from '../../domain/sync/protocol';
import { toWire } from '../../domain/sync/wire-bytes';
import type { ClientToServerEvents, ServerToClientEvents } from '../../domain/sync/protocol';
import { userIdFromCookieHeader } from '../auth/session-from-cookies';
import { findUserById } from '../auth/users';
import { env } from '../env';
import type { AccordEvents } from '../events';
import { onEvent } from '../events';
import type { DocBus, SharedEvent } from './doc-bus';
import { connectRedis, createRedisDocBus } from './doc-bus';
import { preEncodeBinaryFrames, writeBinaryFramesDirectly } from './binary-frames';
import { LocalFanout } from './local-fanout';
import { NodeLiveness } from './node-liveness';
import { RoomRegistry } from './room-registry';
import type { SocketData, SyncSocket } from './sync-handlers';
import { SyncHandlers, partyRoom } from './sync-handlers';
import { TokenBucket } from './rate-limiter';
import { openLatencyTrace } from './latency-trace';
import { UpdateLogWriter } from './update-log-writer';
import { YjsWorkerPool } from './yjs-worker-pool';
import { registerRealtimeService } from './service';

export interface Realtime {
  close(): Promise<void>;
}

export type SyncServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Attaches the realtime sync server (socket.io namespace /sync) to the HTTP server.
 * With REDIS_URL, rooms are shared through socket.io's Redis adapter and docs stay
 * current on every node through a per-doc Redis channel; without it, one node.
 */
export async function attachRealtime(httpServer: HttpServer): Promise<Realtime> {
  const e = env();
  const io: SyncServer = new Server(httpServer, {
    parser: msgpackParser,
    serveClient: false,
    // Set deliberately: the first sync of a large board can be megabytes; each event is
    // capped again by the handlers.
    maxHttpBufferSize: LIMITS.maxPacketBytes,
    transports: ['polling', 'websocket'],
    // Notice a vanished laptop within ~20 s rather than socket.io's default 45 s.
    pingInterval: 10_000,
    pingTimeout: 10_000,
    // Read per request: the real port (and so the allowed origin) is known only after listen.
    cors: { origin: (origin, callback) => callback(null, origin === undefined || env().allowedOrigins.includes(origin)), credentials: true },
    allowRequest: (req, callback) => {
      // Browsers always send Origin on WebSocket and cross-site requests; it must be ours.
      // Non-browser clients and same-origin polling GETs may omit it: the cookie still decides.
      const origin = req.headers.origin;
      callback(null, origin === undefined || env().allowedOrigins.includes(origin));
    },
  });

  let bus: DocBus | null = null;
  const redisClients: { quit(): Promise<unknown> }[] = [];
  if (e.REDIS_URL) {
    const { pub, sub } = await connectRedis(e.REDIS_URL);
    redisClients.push(pub, sub);
    io.adapter(createAdapter(pub, sub, { key: 'accord-sio' }));
    bus = await createRedisDocBus(e.REDIS_URL);
  }

  const nsp = io.of(SYNC_NAMESPACE);
  if (!preEncodeBinaryFrames(nsp.adapter)) console.warn('[realtime] the socket.io adapter has no _encode hook: broadcasts are framed per recipient');
  const fanout = new LocalFanout<SyncSocket>(io.encoder, nsp.name);
  const trace = openLatencyTrace(e.ACCORD_LATENCY_TRACE);
  const pool = new YjsWorkerPool(2);
  const writer = new UpdateLogWriter();
  const registry = new RoomRegistry({
    pool,
    writer,
    bus,
    trace,
    // A 100,000-update log loads in ~2 s, a 10,000-update one in ~0.2 s; compacted, either
    // loads in well under that. Unloading an idle doc compacts it too (room-registry.ts).
    compaction: { after: 1000, quietMs: 3000, hardLimit: 10_000 },
    outlet: {
      emitSync: (docId, message, except) => {
        fanout.emit(docId, 'doc:sync', [docId, toWire(message)], except);
      },
      emitSyncTo: (socketId, docId, message) => {
        // Only while it is still on the doc: it may have lost access since its update arrived.
        const socket = nsp.sockets.get(socketId);
        if (socket?.data.docs?.has(docId)) socket.emit('doc:sync', docId, toWire(message));
      },
      emitAwareness: (docId, update, except) => {
        // Presence is sent reliably: a dropped join or leave would leave a ghost for 30 s.
        fanout.emit(docId, 'doc:awareness', [docId, toWire(update)], except ? [except] : []);
      },
    },
  });
  const handlers = new SyncHandlers(registry, bus, fanout, trace, e.ACCORD_ACCESS_TTL_MS);
  // Every open doc's access is re-read once it is older than the TTL, whether or not its
  // socket sends anything (a membership event lost between nodes is noticed then).
  const accessSweep = setInterval(() => handlers.sweepAccess(), Math.min(5000, Math.max(250, e.ACCORD_ACCESS_TTL_MS / 4)));
  accessSweep.unref();
  registerRealtimeService({
    async writeDoc(docId, build, events) {
      const socketKey = `server-write-${Math.random().toString(36).slice(2)}`;
      const loaded = await registry.acquire(docId, socketKey);
      try {
        await loaded.room.applyServerUpdate(build(loaded.room.encodeState()), events);
      } finally {
        registry.release(docId, socketKey, []);
      }
    },
    notifyRecords(docId, kind, parties) {
      // Through the adapter: reaches the doc's sockets on every node.
      const rooms = parties ? parties.map((party) => partyRoom(docId, party)) : [docId];
      if (rooms.length > 0) nsp.to(rooms).emit('doc:record', { docId, kind });
    },
  });

  nsp.use((socket, next) => {
    void (async () => {
      const userId = await userIdFromCookieHeader(socket.request.headers.cookie);
      const user = userId ? await findUserById(userId) : null;
      if (!user) return next(new Error('unauthenticated'));
      socket.data = {
        userId: user.id,
        userName: user.name,
        docs: new Map(),
        bucket: new TokenBucket(LIMITS.messagesPerSecond, LIMITS.messageBurst),
      };
      if (!handlers.admit(socket)) return next(new Error('too_many_connections'));
      next();
    })().catch((err: unknown) => {
      console.error('[realtime] handshake failed', err);
      next(new Error('internal'));
    });
  });
  nsp.on('connection', (socket) => {
    writeBinaryFramesDirectly(socket.client);
    handlers.attach(socket);
  });

  // Access changes are handled here and on every other node (over Redis).
  const shareEvent = async <K extends SharedEvent>(name: K, handle: (payload: AccordEvents[K]) => void) => {
    const off = onEvent(name, (payload) => {
      handle(payload);
      bus?.publishEvent(name, payload);
    });
    if (bus) await bus.subscribeEvent(name, handle);
    return off;
  };
  const offMembership = await shareEvent('membership:changed', (payload) => void handlers.recheckUser(payload.userId));
  // A bargaining board locked or unlocked: everyone on its docs.
  const offDocsAccess = await shareEvent('docs:access-changed', (payload) => void handlers.recheckDocsOf(payload.id));

  // A node that dies without closing its sockets takes its people's presence with it
  // within seconds, not after the 30 s awareness timeout.
  const liveness = bus ? new NodeLiveness(bus, (nodeId) => void registry.dropPresenceOf(nodeId)) : null;
  if (liveness) {
    registry.onNodeHeard = (nodeId) => liveness.heard(nodeId);
    await liveness.start();
  }

  // With several nodes, catch up each loaded doc from PostgreSQL now and then, because
  // Redis pub/sub may drop messages.
  const catchUpTimer = bus
    ? setInterval(() => void registry.forEachLoaded((loaded) => loaded.room.catchUp()), 5000)
    : null;

  return {
    async close() {
      if (catchUpTimer) clearInterval(catchUpTimer);
      liveness?.stop();
      clearInterval(accessSweep);
      registerRealtimeService(null);
      offMembership();
      offDocsAccess();
      nsp.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await registry.closeAll();
      await writer.drain();
      await pool.close();
      await bus?.close();
      await Promise.allSettled(redisClients.map((c) => c.quit()));
      trace?.close();
    },
  };
}

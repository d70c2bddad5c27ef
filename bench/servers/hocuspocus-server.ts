import type { AddressInfo } from 'node:net';
import { Server } from '@hocuspocus/server';

/**
 * Hocuspocus with no extensions (documents live in memory only), on 127.0.0.1 port 0.
 * Its listen() passes `address` where Node expects `host` and so binds every interface;
 * the bench listens on loopback through the same HTTP server instead.
 */
const server = new Server({ quiet: true, stopOnSignals: false });
server.httpServer.listen(0, '127.0.0.1', () => {
  console.log(`BENCH_LISTENING ${(server.httpServer.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));

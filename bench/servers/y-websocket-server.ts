import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';

/**
 * y-websocket's reference server, in memory: the package's own server.js, except that it
 * listens on 127.0.0.1 port 0 and prints the port for the bench runner.
 */
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('okay');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  console.log(`BENCH_LISTENING ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));

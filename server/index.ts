import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { closeDb, dbConfigFromEnv, describeDb, getRawClient, openDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { env, setListeningPort } from './env';
import { createRequestHandler } from './http/handle-request';
import { startCaucusExpiry } from './ibb/caucus-expiry';
import { attachRealtime } from './realtime/attach';
import { missingServerFlags } from './runtime-flags';
import { DEMO_PASSWORD, DEMO_SIGN_INS } from './seed/demo-data';
import { seedDemo } from './seed/seed-demo';
import { seedDemoBoards } from './seed/seed-demo-boards';
import { seedDemoIbb } from './seed/seed-demo-ibb';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Accord's one process: Next.js pages and routes plus the socket.io realtime server on
 * one port. Boot order matters: the database is opened and migrated before Next can
 * serve a request that needs it.
 */
async function main(): Promise<void> {
  const e = env();
  const isDev = process.argv.includes('--dev');
  const missingFlags = missingServerFlags();
  if (!isDev && missingFlags.length > 0) {
    console.warn(`[accord] started without ${missingFlags.join(' ')}: on a small machine edits relay slower (server/runtime-flags.ts; npm start sets them)`);
  }
  const dbConfig = dbConfigFromEnv(e);
  const isNewCluster = dbConfig.kind === 'pglite' && dbConfig.dataDir !== null && !existsSync(path.join(dbConfig.dataDir, 'PG_VERSION'));
  const db = openDb(dbConfig);
  exitIfEmbeddedDatabaseFails();
  await migrateDb();
  console.log(`[accord] database: ${describeDb(dbConfig)} (migrations applied)`);
  if (dbConfig.kind === 'pglite' && dbConfig.dataDir) {
    // Every commit is flushed to disk (db/pglite-worker.mjs), but the database lives in this one process.
    console.log('[accord] embedded database: each saved edit is flushed to disk; for more than one node, live backups or a large partnership set DATABASE_URL to a PostgreSQL server');
  }

  if (e.SEED_DEMO) {
    const seeded = await seedDemo(db);
    if (seeded.seeded && seeded.partnershipId) {
      await seedDemoIbb(db, seeded.partnershipId);
      await seedDemoBoards(db, seeded.partnershipId);
      console.log(`[accord] seeded the demo partnership (${seeded.people} people), a bargaining session in progress and two team boards (one the Association's caucus)`);
    }
  }
  if (isNewCluster) {
    // Creating the embedded cluster and its schema grows PGlite's WebAssembly memory to
    // ~600–800 MB, and a WebAssembly memory never shrinks. Opened again, the same folder
    // needs ~200 MB: a first start would otherwise hold twice the memory of every later one.
    await closeDb();
    openDb(dbConfig);
    exitIfEmbeddedDatabaseFails();
  }

  const app = next({ dev: isDev, dir: root, conf: { distDir: e.ACCORD_NEXT_DIST_DIR } });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer(createRequestHandler(handle, (req, res) => app.render404(req, res)));
  const realtime = await attachRealtime(server);
  const caucusExpiry = startCaucusExpiry();

  await new Promise<void>((resolve) => server.listen(e.PORT, e.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  setListeningPort(port);
  if (e.ACCORD_TEST_IPC && process.send) {
    const { serveTestFixtures } = await import('../tests/support/remote-fixtures');
    serveTestFixtures();
  }
  console.log(`[accord] listening on http://localhost:${port}`);
  if (e.SEED_DEMO) {
    console.log('[accord] demo sign-ins (password for all: ' + DEMO_PASSWORD + '):');
    for (const p of DEMO_SIGN_INS) console.log(`[accord]   ${p.email.padEnd(34)} ${p.what}`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[accord] ${signal}: shutting down`);
    caucusExpiry.stop();
    // Realtime first: it flushes pending document writes before the database closes.
    await realtime.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
    await closeDb();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Crash-only: with the embedded database gone nothing can be saved or acknowledged, and a
 * server that stayed up would only keep people's edits at "Saving…". It exits, so that a
 * supervisor (or the person at the terminal) starts it again: PostgreSQL recovers from its
 * log, and each browser sends again whatever was not acknowledged.
 */
function exitIfEmbeddedDatabaseFails(): void {
  const raw = getRawClient();
  if (raw.kind !== 'pglite') return;
  raw.client.onFailure((err) => {
    console.error(`[accord] the embedded database stopped (${err.message}); exiting. Start Accord again: nothing acknowledged is lost, and browsers send unsaved edits again when they reconnect.`);
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  console.error('[accord] failed to start', err);
  process.exit(1);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { closeDb, openDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { docClients, docUpdates } from '../db/schema';
import { compactDoc, countLog, readStoredDoc } from '../server/realtime/persistence';
import { YjsWorkerPool } from '../server/realtime/yjs-worker-pool';
import { HttpClient } from '../tests/support/http-client';
import { AccordClient } from './accord-client';
import type { AccordNode } from './support/accord-node';
import { startAccordNode } from './support/accord-node';

export interface ColdLoadResult {
  updates: number;
  /** Join → synced on a freshly started server, with the whole log to fold. */
  beforeMs: number;
  /** Rows left in the log when the bench compacted (the server may fold on load itself). */
  rowsBeforeCompaction: number;
  compactMs: number;
  /** Join → synced on a freshly started server after compaction (snapshot only). */
  afterMs: number;
  /** Where the "before" time goes, timed in the bench process against the same database. */
  readLogMs: number;
  mergeMs: number;
  textLength: number;
}

const TEXT = 'bench';
const INSERT_BATCH = 2000;

/** Builds `count` one-character typing updates, as a person typing produces them. */
function typingUpdates(count: number): { updates: Uint8Array[]; clientId: number } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText(TEXT);
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  return { updates, clientId: doc.clientID };
}

async function timeJoin(node: AccordNode, person: { email: string; password: string }, docId: string): Promise<{ ms: number; length: number }> {
  const http = new HttpClient(node.url);
  const signedIn = await http.signIn(person.email, person.password);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.location}`);
  const client = new AccordClient({ url: node.url, cookie: http.cookieHeader() });
  await client.connect();
  const doc = new Y.Doc();
  const started = performance.now();
  await client.open(docId, doc);
  const ms = performance.now() - started;
  client.close();
  return { ms, length: doc.getText(TEXT).length };
}

/**
 * Cold load of a doc whose log holds `count` updates, before and after compaction. The log
 * is written straight into the embedded database while the server is stopped (the bench
 * opens the same PGlite folder with db/client.ts), then the server is started cold.
 */
export async function runColdLoad(count: number, distDir: string, profileDir?: string): Promise<ColdLoadResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-bench-cold-'));
  const pgliteDir = path.join(dataDir, 'pglite');
  /** Runs `fn` against a freshly started server on the data folder, then stops it. */
  const withServer = async <T>(fn: (node: AccordNode) => Promise<T>): Promise<T> => {
    const node = await startAccordNode({ storage: { kind: 'disk', dataDir }, dataDir, distDir, ...(profileDir ? { profileDir } : {}) });
    try {
      return await fn(node);
    } finally {
      await node.stop();
    }
  };
  /** Opens the server's database in this process (only while the server is stopped). */
  const withDb = async <T>(fn: (db: ReturnType<typeof openDb>) => Promise<T>): Promise<T> => {
    const db = openDb({ kind: 'pglite', dataDir: pgliteDir });
    try {
      await migrateDb();
      return await fn(db);
    } finally {
      await closeDb();
    }
  };
  const pool = new YjsWorkerPool(1);
  try {
    const { person, docId } = await withServer(async (node) => {
      const partnership = await node.fixture('partnership', { name: 'Cold load' });
      const user = await node.fixture('user', { partnershipId: partnership.id });
      const board = await node.fixture('board', { actorId: user.id, partnershipId: partnership.id, input: { title: 'Long log' } });
      return { person: user, docId: `board:${board.id}` };
    });

    const { updates, clientId } = typingUpdates(count);
    const { readLogMs, mergeMs } = await withDb(async (db) => {
      await db.insert(docClients).values({ docId, clientId, userId: person.id });
      for (let i = 0; i < updates.length; i += INSERT_BATCH) {
        await db.insert(docUpdates).values(updates.slice(i, i + INSERT_BATCH).map((update) => ({ docId, update, actorId: person.id })));
      }
      // The two halves of a cold load, timed alone: reading the log, folding it in a worker.
      let t = performance.now();
      const stored = await readStoredDoc(docId);
      const read = performance.now() - t;
      t = performance.now();
      await pool.merge(stored.snapshot, stored.updates);
      return { readLogMs: read, mergeMs: performance.now() - t };
    });

    const before = await withServer((node) => timeJoin(node, person, docId));

    const { rowsBeforeCompaction, compactMs } = await withDb(async () => {
      const rows = await countLog(docId);
      const t = performance.now();
      await compactDoc(docId, pool);
      return { rowsBeforeCompaction: rows, compactMs: performance.now() - t };
    });

    const after = await withServer((node) => timeJoin(node, person, docId));
    if (after.length !== before.length) throw new Error(`compaction changed the doc: ${before.length} → ${after.length} characters`);
    return { updates: count, beforeMs: before.ms, rowsBeforeCompaction, compactMs, afterMs: after.ms, readLogMs, mergeMs, textLength: after.length };
  } finally {
    await pool.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { SyncClient } from '../../components/sync/sync-client';
import { boardDocId } from '../../domain/sync/protocol';
import { backends } from '../support/environment';
import { HttpClient } from '../support/http-client';
import { createTestDatabase, dropTestDatabase } from '../support/pg';
import { capture, rawSocket, sendUpdate } from '../support/raw-sync';
import { startAccord } from '../support/server';

const CLIENTS = 20;
const KILL_AFTER_ACKS = 300;
/**
 * Two server starts, 20 sign-ins (argon2id) and a recovery: ~20 s alone, but beside the
 * browser suites on two cores it has run past the default 60 s.
 */
const CRASH_TEST_TIMEOUT_MS = 150_000;

for (const backend of backends) {
  describe(`crash safety [${backend}]`, () => {
    it('keeps every acknowledged edit when the server is SIGKILLed under 20 editing clients', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-crash-'));
      const databaseUrl = backend === 'postgres' ? await createTestDatabase() : undefined;
      const first = await startAccord({ backend, dataDir, databaseUrl });
      try {
        const p = await first.fixture('partnership', { name: 'Crash' });
        const people = await Promise.all(
          Array.from({ length: CLIENTS }, () => first.fixture('user', { partnershipId: p.id, party: 'labor', role: 'teacher' })),
        );
        const docId = boardDocId((await first.fixture('board', { actorId: people[0]?.id ?? '', partnershipId: p.id, input: { title: 'Crash' } })).id);
        const cookies = await Promise.all(
          people.map(async (person) => {
            const http = new HttpClient(first.url);
            expect((await http.signIn(person.email, person.password)).ok).toBe(true);
            return http.cookieHeader();
          }),
        );

        const docs = people.map(() => new Y.Doc());
        const acked = people.map(() => [] as number[]);
        let totalAcked = 0;
        let killed: Promise<void> | null = null;
        const sockets = cookies.map((cookie) => rawSocket(first.url, cookie));
        await Promise.all(
          sockets.map(async (socket, i) => {
            await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
            const join = await socket.emitWithAck('doc:join', { docId });
            expect(join).toEqual({ ok: true, access: 'edit' });
            const doc = docs[i] ?? new Y.Doc();
            // Closed loop: each client writes its next token as soon as the previous one is durable.
            for (let k = 0; socket.connected; k++) {
              const update = capture(doc, () => doc.getArray<number>(`log-${i}`).push([k]));
              const ack = await Promise.race([
                sendUpdate(socket, docId, update),
                new Promise<null>((resolve) => socket.once('disconnect', () => resolve(null))),
              ]);
              if (!ack) break;
              expect(ack).toEqual({ ok: true });
              acked[i]?.push(k);
              totalAcked++;
              if (totalAcked >= KILL_AFTER_ACKS && !killed) killed = first.kill();
            }
          }),
        );
        await killed;
        for (const s of sockets) s.disconnect();

        const second = await startAccord({ backend, dataDir, databaseUrl });
        try {
          const clients = cookies.map((cookie) => new SyncClient({ url: second.url, extraHeaders: { cookie }, transports: ['websocket'] }));
          const handles = clients.map((c, i) => c.open(docId, docs[i]));
          await Promise.all(handles.map((h) => h.whenSaved()));
          // Every acknowledged token survived the crash.
          const observer = new SyncClient({ url: second.url, extraHeaders: { cookie: cookies[0] ?? '' }, transports: ['websocket'] });
          const fresh = observer.open(docId);
          await fresh.whenSynced();
          for (let i = 0; i < CLIENTS; i++) {
            const stored = fresh.doc.getArray<number>(`log-${i}`).toArray();
            for (const k of acked[i] ?? []) expect(stored).toContain(k);
          }
          // And every client converges to the same state (including edits unacked at the crash).
          const expected = new Y.Doc();
          for (const d of docs) Y.applyUpdate(expected, Y.encodeStateAsUpdate(d));
          await Promise.all(
            handles.map(
              (h) =>
                new Promise<void>((resolve) => {
                  const check = () => {
                    if (Buffer.compare(Y.encodeStateVector(h.doc), Y.encodeStateVector(expected)) === 0) {
                      h.doc.off('update', check);
                      resolve();
                    }
                  };
                  h.doc.on('update', check);
                  check();
                }),
            ),
          );
          await fresh.until(() => Buffer.compare(Y.encodeStateVector(fresh.doc), Y.encodeStateVector(expected)) === 0);
          for (const h of handles) expect(h.doc.getArray('log-0').toArray()).toEqual(expected.getArray('log-0').toArray());
          await Promise.all([...clients, observer].map((c) => c.close()));
        } finally {
          await second.cleanup();
        }
      } finally {
        await first.cleanup();
        rmSync(dataDir, { recursive: true, force: true });
        if (databaseUrl) await dropTestDatabase(databaseUrl);
      }
    }, CRASH_TEST_TIMEOUT_MS);
  });
}

// The embedded database's thread can die under a running server: PostgreSQL stops (PANIC)
// when a flush to disk fails (db/pglite-worker.mjs). Nothing can be committed after that, so
// the server exits instead of holding everyone's edits at "Saving…" (server/index.ts).
describe('the embedded database stopping', () => {
  it('makes the server exit with a message that says what to do; started again, it has every acknowledged edit', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'accord-dbstop-'));
    const first = await startAccord({ dataDir });
    try {
      const p = await first.fixture('partnership', { name: 'Database stop' });
      const person = await first.fixture('user', { partnershipId: p.id, party: 'labor', role: 'teacher' });
      const docId = boardDocId((await first.fixture('board', { actorId: person.id, partnershipId: p.id, input: { title: 'Stop' } })).id);
      const http = new HttpClient(first.url);
      expect((await http.signIn(person.email, person.password)).ok).toBe(true);
      const cookie = http.cookieHeader();
      const socket = rawSocket(first.url, cookie);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      expect(await socket.emitWithAck('doc:join', { docId })).toEqual({ ok: true, access: 'edit' });
      const doc = new Y.Doc();
      for (let k = 0; k < 5; k++) {
        expect(await sendUpdate(socket, docId, capture(doc, () => doc.getArray<number>('log').push([k])))).toEqual({ ok: true });
      }

      // The server exits before it could answer the fixture.
      void first.fixture('stopEmbeddedDatabase', undefined).catch(() => undefined);
      expect(await first.exited).toBe(1);
      expect(first.output()).toContain('[accord] the embedded database stopped');
      expect(first.output()).toContain('Start Accord again');
      socket.disconnect();

      const second = await startAccord({ dataDir });
      try {
        const observer = new SyncClient({ url: second.url, extraHeaders: { cookie }, transports: ['websocket'] });
        const fresh = observer.open(docId);
        await fresh.whenSynced();
        expect(fresh.doc.getArray<number>('log').toArray()).toEqual([0, 1, 2, 3, 4]);
        await observer.close();
      } finally {
        await second.cleanup();
      }
    } finally {
      await first.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, CRASH_TEST_TIMEOUT_MS);
});

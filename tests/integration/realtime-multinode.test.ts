import pg from 'pg';
import { createClient } from 'redis';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncClient } from '../../components/sync/sync-client';
import { createRedisDocBus } from '../../server/realtime/doc-bus';
import { boardDocId } from '../../domain/sync/protocol';
import { databaseUrl, redisUrl } from '../support/environment';
import { HttpClient } from '../support/http-client';
import { createTestDatabase, dropTestDatabase, waitUntilBlocked } from '../support/pg';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';
import { capture, forgedUnder, fromNewClients, updateMessage } from '../support/raw-sync';
import { waitForDisconnect, waitForDoc } from '../support/sync';

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two nodes sharing one PostgreSQL database and one Redis. */
describe.skipIf(!redisUrl || !databaseUrl)('two nodes with Redis', () => {
  let db: string;
  let nodeA: AccordProcess;
  let nodeB: AccordProcess;
  let docId: string;
  let cookies: string[];
  let personIds: string[];
  let newBoard: () => Promise<string>;
  let partnershipId: string;
  const clients: SyncClient[] = [];

  function client(node: AccordProcess, cookie: string) {
    const c = new SyncClient({ url: node.url, extraHeaders: { cookie }, transports: ['websocket'] });
    clients.push(c);
    return c;
  }

  /** Person 0 on node A and person 1 on node B, both synced to `board`. */
  async function openOnBoth(board: string) {
    const a = client(nodeA, cookies[0] ?? '').open(board);
    const b = client(nodeB, cookies[1] ?? '').open(board);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    return { a, b };
  }

  /** A session cookie for `person`, signed in on `node`. */
  async function cookieFor(node: AccordProcess, person: { email: string; password: string }): Promise<string> {
    const http = new HttpClient(node.url);
    expect((await http.signIn(person.email, person.password)).ok).toBe(true);
    return http.cookieHeader();
  }

  /** Runs `work` on a connection of the test's own to the nodes' database. */
  async function withSql<T>(work: (sql: pg.Client) => Promise<T>): Promise<T> {
    const sql = new pg.Client({ connectionString: db });
    await sql.connect();
    try {
      return await work(sql);
    } finally {
      await sql.end();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { REDIS_URL: redisUrl ?? '' };
    nodeA = await startAccord({ backend: 'postgres', databaseUrl: db, env });
    nodeB = await startAccord({ backend: 'postgres', databaseUrl: db, env });
    const p = await nodeA.fixture('partnership', { name: 'Multi' });
    partnershipId = p.id;
    const people = await Promise.all([0, 1, 2].map(() => nodeA.fixture('user', { partnershipId: p.id, party: 'labor', role: 'teacher' })));
    personIds = people.map((person) => person.id);
    newBoard = async () => boardDocId((await nodeA.fixture('board', { actorId: people[0]?.id ?? '', partnershipId: p.id, input: { title: 'Multi' } })).id);
    docId = await newBoard();
    cookies = await Promise.all(people.map((person) => cookieFor(nodeA, person)));
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await nodeA?.cleanup();
    await nodeB?.cleanup();
    if (db) await dropTestDatabase(db);
  });

  it('clients on different nodes converge, and a late joiner on the other node gets current state', async () => {
    const a = client(nodeA, cookies[0] ?? '').open(docId);
    const b = client(nodeB, cookies[1] ?? '').open(docId);
    await Promise.all([a.whenSynced(), b.whenSynced()]);
    a.doc.getText('t').insert(0, 'from node A; ');
    b.doc.getText('u').insert(0, 'from node B');
    await waitForDoc(b.doc, (d) => d.getText('t').toString() === 'from node A; ');
    await waitForDoc(a.doc, (d) => d.getText('u').toString() === 'from node B');
    await Promise.all([a.whenSaved(), b.whenSaved()]);
    // Node B's own copy of the doc must be current, not only its clients.
    const late = client(nodeB, cookies[2] ?? '').open(docId);
    await late.whenSynced();
    expect(late.doc.getText('t').toString()).toBe('from node A; ');
    expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc));
  });

  it('carries deletions to the other node’s clients, not only insertions', async () => {
    const board = await newBoard();
    const { a, b } = await openOnBoth(board);
    a.doc.getText('t').insert(0, 'keep this, not this');
    a.doc.getArray<string>('notes').push(['one', 'two']);
    await waitForDoc(b.doc, (d) => d.getText('t').toString() === 'keep this, not this' && d.getArray('notes').length === 2);
    // Deletions alone: no new content, so the state vector does not move.
    a.doc.getText('t').delete(9, 10);
    a.doc.getArray('notes').delete(0, 1);
    await waitForDoc(b.doc, (d) => d.getText('t').toString() === 'keep this' && JSON.stringify(d.getArray('notes').toJSON()) === '["two"]');
    b.doc.getText('t').delete(0, 5);
    await waitForDoc(a.doc, (d) => d.getText('t').toString() === 'this');
  });

  it('brings in, within seconds, rows another node committed whose Redis message was lost', async () => {
    const board = await newBoard();
    const { a, b } = await openOnBoth(board);
    a.doc.getText('t').insert(0, 'base');
    await a.whenSaved();
    await waitForDoc(b.doc, (d) => d.getText('t').toString() === 'base');
    // Two rows as a third node would commit them (an insertion, then a deletion alone),
    // written straight into the log: no node hears of them over Redis.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(a.doc));
    const inserted = capture(elsewhere, () => elsewhere.getText('t').insert(4, ' and more'));
    const deleted = capture(elsewhere, () => elsewhere.getText('t').delete(0, 1));
    await withSql(async (sql) => {
      for (const update of [inserted, deleted]) await sql.query('insert into doc_updates (doc_id, update) values ($1, $2)', [board, Buffer.from(update)]);
    });
    // The periodic catch-up (every 5 s) finds them; each node relays them to its clients.
    for (const handle of [a, b]) await waitForDoc(handle.doc, (d) => d.getText('t').toString() === 'ase and more');
  });

  it('knows at once whose a clientID is when it was bound on the other node', async () => {
    const board = await newBoard();
    const { a: owner, b: other } = await openOnBoth(board);
    owner.doc.getText('owned').insert(0, 'mine');
    await owner.whenSaved();
    await waitForDoc(other.doc, (d) => d.getText('owned').toString() === 'mine');
    // Another person, on node B, writes new content under the owner's clientID at once
    // (before any periodic catch-up with the database).
    const ack = await other.client.socket.emitWithAck('doc:sync', board, forgedUnder(owner.doc, 'owned', 4));
    expect(ack).toMatchObject({ ok: false, code: 'client_id_taken' });
    expect(owner.doc.getText('owned').toString()).toBe('mine');
  });

  it('lets one person, not two, bind a new clientID when both nodes see it at the same moment', async () => {
    const board = await newBoard();
    const { a, b } = await openOnBoth(board);
    // Five new clientIDs, each sent at once by person 0 on node A and person 1 on node B
    // with different content (the same Yjs item ids): before either node's claim can
    // reach the other.
    const ids = Array.from({ length: 5 }, (_, i) => 1_000_000 + i * 7919 + Math.floor(Math.random() * 1000));
    const under = (clientId: number, value: string) => {
      const d = new Y.Doc();
      d.clientID = clientId;
      return updateMessage(capture(d, () => d.getMap('claimed').set(String(clientId), value)));
    };
    const acks = await Promise.all(
      ids.map((id) =>
        Promise.all([
          a.client.socket.emitWithAck('doc:sync', board, under(id, 'from A')),
          b.client.socket.emitWithAck('doc:sync', board, under(id, 'from B')),
        ]),
      ),
    );
    // The loser's update is refused, or, if the winner's update reached its node first,
    // acknowledged as already held (Yjs sees the same item ids) and not applied.
    for (const ack of acks.flat()) expect(ack.ok || ack.code === 'client_id_taken').toBe(true);
    // Both nodes hold the same content: for each clientID the one whose binding stands.
    const bound = new Map<number, string>();
    const { rows } = await withSql((sql) => sql.query<{ client_id: string; user_id: string }>('select client_id, user_id from doc_clients where doc_id = $1', [board]));
    for (const row of rows) bound.set(Number(row.client_id), row.user_id);
    const expected = Object.fromEntries(ids.map((id) => [String(id), bound.get(id) === personIds[0] ? 'from A' : 'from B']));
    expect(ids.map((id) => bound.get(id))).toEqual(ids.map(() => expect.stringMatching(new RegExp(`^(${personIds[0]}|${personIds[1]})$`))));
    const readers = [client(nodeA, cookies[2] ?? '').open(board), client(nodeB, cookies[2] ?? '').open(board)];
    for (const reader of readers) {
      await reader.whenSynced();
      await waitForDoc(reader.doc, (d) => Object.keys(d.getMap('claimed').toJSON()).length === ids.length);
      expect(reader.doc.getMap('claimed').toJSON()).toEqual(expected);
    }
  });

  it('shows who is on the other node as soon as this node loads the doc', async () => {
    const board = await newBoard();
    const a = client(nodeA, cookies[0] ?? '').open(board);
    await a.whenSynced();
    a.awareness.setLocalState({ focus: 'note-1' });
    const watcherOnA = client(nodeA, cookies[2] ?? '').open(board);
    await waitFor(() => [...watcherOnA.awareness.getStates().values()].some((st) => (st as { user?: { id?: string } }).user?.id === personIds[0]), 2000);
    // Node B has not loaded the board yet; person 1 is its first joiner there. Clients
    // renew their presence only every 15 s: B must ask the other nodes.
    const b = client(nodeB, cookies[1] ?? '').open(board);
    await b.whenSynced();
    await waitFor(() => [...b.awareness.getStates().values()].some((st) => (st as { user?: { id?: string }; focus?: string }).user?.id === personIds[0] && (st as { focus?: string }).focus === 'note-1'), 2000);
  });

  it('a room that closes removes only its own listener from the doc’s channel', async () => {
    // A doc unloading (its room closing) while a new room for it loads on the same node.
    const node = await createRedisDocBus(redisUrl ?? '');
    const otherNode = await createRedisDocBus(redisUrl ?? '');
    try {
      const heard: string[] = [];
      const closing = await node.subscribeDoc('board:bus-test', () => heard.push('closing room'));
      await node.subscribeDoc('board:bus-test', () => heard.push('new room'));
      await closing();
      otherNode.publishDoc('board:bus-test', { kind: 'update', payload: new Uint8Array([0, 0]) });
      for (let i = 0; i < 200 && heard.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(heard).toEqual(['new room']);
    } finally {
      await Promise.all([node.close(), otherNode.close()]);
    }
  });

  it('keeps what the other node applies while this node is still loading the doc', async () => {
    const board = await newBoard();
    const a = client(nodeA, cookies[0] ?? '').open(board);
    await a.whenSynced();
    // Node B's load of the board is held at its read of the log (a table lock)…
    const holder = new pg.Client({ connectionString: db });
    await holder.connect();
    const observer = new pg.Client({ connectionString: db });
    await observer.connect();
    try {
      const { rows: [held] } = await holder.query<{ pid: number }>('select pg_backend_pid() as pid');
      await holder.query('begin');
      await holder.query('lock table doc_updates in access exclusive mode');
      const b = client(nodeB, cookies[1] ?? '').open(board);
      await waitUntilBlocked(observer, held?.pid ?? 0, '%from "doc_updates"%order by%');
      // …while person 0 edits on node A (relayed at once; its commit waits for the lock).
      a.doc.getText('t').insert(0, 'while B loads');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('commit');
      await b.whenSynced();
      // In B's first state, not ~5 s later from its catch-up with the log.
      expect(b.doc.getText('t').toString()).toBe('while B loads');
      await a.whenSaved();
    } finally {
      await holder.end();
      await observer.end();
    }
  });

  it('counts the hourly limit on new clientIDs across both nodes', async () => {
    const board = await newBoard();
    const onA = client(nodeA, cookies[2] ?? '').open(board);
    const onB = client(nodeB, cookies[2] ?? '').open(board);
    await Promise.all([onA.whenSynced(), onB.whenSynced()]);
    expect(await onA.client.socket.emitWithAck('doc:sync', board, fromNewClients(40))).toEqual({ ok: true });
    await waitForDoc(onB.doc, (d) => Object.keys(d.getMap('tabs').toJSON()).length === 40);
    // 40 on node A and 25 more on node B is 65 in the hour: refused, fatally, on B.
    const errors: { code: string; message: string }[] = [];
    onB.client.socket.on('doc:error', (e) => errors.push(e));
    const gone = waitForDisconnect(onB.client);
    onB.client.socket.emit('doc:sync', board, fromNewClients(25), () => undefined);
    expect(await gone).toBe('io server disconnect');
    expect(errors).toEqual([{ docId: board, code: 'update_rejected', message: expect.stringContaining('64 new clientIDs') }]);
    // What is left of the hour's allowance is still there, on either node.
    const again = client(nodeB, cookies[2] ?? '').open(board);
    await again.whenSynced();
    expect(await again.client.socket.emitWithAck('doc:sync', board, fromNewClients(24))).toEqual({ ok: true });
    // (Neither sender gets its own update back: a third client reads the result.)
    const reader = client(nodeA, cookies[0] ?? '').open(board);
    await reader.whenSynced();
    await waitForDoc(reader.doc, (d) => Object.keys(d.getMap('tabs').toJSON()).length === 64);
  });

  it('withdraws access within a second on the other node when a membership is revoked', async () => {
    const facilitator = await nodeA.fixture('user', { partnershipId, party: 'neutral', role: 'facilitator' });
    const victim = await nodeA.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
    const onB = client(nodeB, await cookieFor(nodeB, victim)).open(docId);
    await onB.whenSynced();
    const revoked = onB.until((s) => s.error?.code === 'access_revoked');
    const revokedAt = performance.now();
    // Revoked through node A: node B hears it over Redis.
    await nodeA.fixture('revokeMembership', { actorId: facilitator.id, partnershipId, membershipId: victim.membershipId ?? '' });
    await revoked;
    expect(performance.now() - revokedAt).toBeLessThan(1000);
    const again = await onB.client.socket.emitWithAck('doc:join', { docId });
    expect(again).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('turns a team’s screen on the other node read-only within a second when the facilitator locks the board', async () => {
    const facilitator = await nodeA.fixture('user', { partnershipId, party: 'neutral', role: 'facilitator' });
    const session = await nodeA.fixture('ibbSession', {
      actorId: facilitator.id,
      partnershipId,
      input: { title: 'Locked across nodes', participants: [{ userId: personIds[1] ?? '', role: 'chief_spokesperson' }] },
    });
    const onB = client(nodeB, cookies[1] ?? '').open(`ibb:${session.id}`);
    await onB.whenSynced();
    expect(onB.status.access).toBe('edit');
    const viewOnly = onB.until((s) => s.access === 'view');
    const lockedAt = performance.now();
    await nodeA.fixture('ibbControl', { actorId: facilitator.id, sessionId: session.id, input: { control: 'lock', isLocked: true } });
    await viewOnly;
    expect(performance.now() - lockedAt).toBeLessThan(1000);
    const editable = onB.until((s) => s.access === 'edit');
    await nodeA.fixture('ibbControl', { actorId: facilitator.id, sessionId: session.id, input: { control: 'lock', isLocked: false } });
    await editable;
  });

  it('notices a revocation whose Redis message was lost within the access TTL, even for a socket that sends nothing', async () => {
    // A node whose decisions may be 2 s old (30 s by default), so the test need not wait.
    const nodeD = await startAccord({ backend: 'postgres', databaseUrl: db, env: { REDIS_URL: redisUrl ?? '', ACCORD_ACCESS_TTL_MS: '2000' } });
    try {
      const viewer = await nodeA.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const onD = client(nodeD, await cookieFor(nodeD, viewer)).open(docId);
      await onD.whenSynced();
      const revoked = onD.until((s) => s.error?.code === 'access_revoked');
      // Revoked in the database with no event at all: what a node sees when the membership
      // message was lost on its way. The viewer only listens (its client renews presence
      // every 15 s; a client of someone's own making need not send anything at all).
      await withSql((sql) => sql.query('update memberships set revoked_at = now() where id = $1', [viewer.membershipId]));
      const revokedAt = performance.now();
      await revoked;
      expect(performance.now() - revokedAt).toBeLessThan(6000);
      // Cut off: what is written now does not reach it.
      const writer = client(nodeD, cookies[0] ?? '').open(docId);
      await writer.whenSynced();
      writer.doc.getText('after-revocation').insert(0, 'not for the revoked');
      await writer.whenSaved();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(onD.doc.getText('after-revocation').toString()).toBe('');
    } finally {
      await nodeD.cleanup();
    }
  });

  it('keeps saving when PostgreSQL drops every connection of both nodes (a failover, a proxy’s idle kill)', async () => {
    const board = await newBoard();
    const writer = client(nodeB, cookies[1] ?? '').open(board);
    await writer.whenSynced();
    writer.doc.getText('k').insert(0, 'before; ');
    await writer.whenSaved();
    const killed = await withSql((sql) => sql.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()'));
    expect(killed.rowCount).toBeGreaterThan(0);
    writer.doc.getText('k').insert(writer.doc.getText('k').length, 'after');
    // The first commit may meet a dead connection: then it is not acknowledged, the client
    // exchanges state again and the next commit, on a fresh connection, is.
    await writer.whenSaved();
    expect(writer.status.error).toBeNull();
    // Node A has not loaded this board: it reads it from PostgreSQL.
    const reader = client(nodeA, cookies[0] ?? '').open(board);
    await reader.whenSynced();
    expect(reader.doc.getText('k').toString()).toBe('before; after');
  });

  it('carries on between nodes at once after Redis drops their subscriptions', async () => {
    const board = await newBoard();
    const { a, b } = await openOnBoth(board);
    const redis = createClient({ url: redisUrl ?? '' });
    await redis.connect();
    try {
      // What a Redis restart or a network blip does to the nodes' subscriber connections.
      const killed = await redis.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
      expect(Number(killed)).toBeGreaterThan(0);
    } finally {
      await redis.quit();
    }
    // Once reconnected (node-redis subscribes again), updates cross as they are made, not
    // with the 5 s catch-up from PostgreSQL.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const sentAt = Date.now();
    a.doc.getText('k').insert(0, 'after the blip');
    await waitForDoc(b.doc, (d) => d.getText('k').toString() === 'after the blip');
    expect(Date.now() - sentAt).toBeLessThan(2000);
    // And presence.
    a.awareness.setLocalState({ focus: 'after-blip' });
    await waitFor(() => [...b.awareness.getStates().values()].some((st) => (st as { focus?: string }).focus === 'after-blip'), 2000);
  });

  it('takes a dead node’s people out of presence on the other nodes within seconds, not after the 30 s timeout', async () => {
    const board = await newBoard();
    const nodeC = await startAccord({ backend: 'postgres', databaseUrl: db, env: { REDIS_URL: redisUrl ?? '' } });
    try {
      const staysOnA = client(nodeA, cookies[0] ?? '').open(board);
      const onDoomedNode = client(nodeC, cookies[2] ?? '').open(board);
      const watcherOnB = client(nodeB, cookies[1] ?? '').open(board);
      await Promise.all([staysOnA.whenSynced(), onDoomedNode.whenSynced(), watcherOnB.whenSynced()]);
      staysOnA.awareness.setLocalState({ focus: 'a' });
      onDoomedNode.awareness.setLocalState({ focus: 'c' });
      const present = (id: string | undefined) => [...watcherOnB.awareness.getStates().values()].some((st) => (st as { user?: { id?: string } }).user?.id === id);
      await waitFor(() => present(personIds[0]) && present(personIds[2]), 3000);
      // SIGKILL: node C never tells anyone its people left.
      await nodeC.kill();
      const killedAt = Date.now();
      await waitFor(() => !present(personIds[2]), 15_000);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      // Only the dead node's people: the one on a live node stays.
      expect(present(personIds[0])).toBe(true);
    } finally {
      await nodeC.cleanup();
    }
  });

  it('does not pass a dead node’s people on to a node that loads the doc afterwards', async () => {
    const board = await newBoard();
    const nodeC = await startAccord({ backend: 'postgres', databaseUrl: db, env: { REDIS_URL: redisUrl ?? '' } });
    try {
      const onA = client(nodeA, cookies[0] ?? '').open(board);
      const onDoomedNode = client(nodeC, cookies[2] ?? '').open(board);
      await Promise.all([onA.whenSynced(), onDoomedNode.whenSynced()]);
      onA.awareness.setLocalState({ focus: 'a' });
      onDoomedNode.awareness.setLocalState({ focus: 'c' });
      const presentTo = (handle: typeof onA, id: string | undefined) => [...handle.awareness.getStates().values()].some((st) => (st as { user?: { id?: string } }).user?.id === id);
      // Node A knows the person on node C.
      await waitFor(() => presentTo(onA, personIds[2]), 3000);
      await nodeC.kill();
      // Node B loads the board now, before anyone has noticed that C is gone, and asks who
      // is here: A answers for its own people only, not for C's.
      const watcherOnB = client(nodeB, cookies[1] ?? '').open(board);
      await watcherOnB.whenSynced();
      await waitFor(() => presentTo(watcherOnB, personIds[0]), 3000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(presentTo(watcherOnB, personIds[2])).toBe(false);
    } finally {
      await nodeC.cleanup();
    }
  });

  it('loses nothing acknowledged when a node dies; its clients carry on via the other node', async () => {
    const doomed = client(nodeA, cookies[0] ?? '').open(docId);
    const survivor = client(nodeB, cookies[1] ?? '').open(docId);
    await Promise.all([doomed.whenSynced(), survivor.whenSynced()]);
    doomed.doc.getText('k').insert(0, 'acked before the crash; ');
    await doomed.whenSaved();
    await nodeA.kill();
    await doomed.until((s) => s.connection === 'offline');
    doomed.doc.getText('k').insert(doomed.doc.getText('k').length, 'written while its node was down');
    // The client reconnects to the other node with the same document.
    const moved = client(nodeB, cookies[0] ?? '').open(docId, doomed.doc);
    await moved.whenSaved();
    await waitForDoc(survivor.doc, (d) => d.getText('k').toString() === 'acked before the crash; written while its node was down');
  });
});

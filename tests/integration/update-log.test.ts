import { and, eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { getDb, getRawClient, queryRows, runPrepared } from '../../db/client';
import { docClients, docUpdates, participationEvents, users } from '../../db/schema';
import type { ParticipationRow, PendingWrite } from '../../server/realtime/persistence';
import { appendUpdates, claimClientIds, readClientBindingRows, readStoredDoc } from '../../server/realtime/persistence';
import { UpdateLogWriter } from '../../server/realtime/update-log-writer';
import { describeEachBackend } from '../support/db';
import { buildPartnership, buildUser } from '../support/factories';

function updatesOf(count: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) doc.getText('t').insert(i, String(i % 10));
  return { doc, updates };
}

describeEachBackend('the update log', ({ backend }) => {
  it('appends updates, clientID bindings and participation events in one statement, exactly as given', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const bob = await buildUser({ partnershipId: partnership.id });
    const docId = `board:${crypto.randomUUID()}`;
    const { doc, updates } = updatesOf(3);
    const at = new Date('2026-11-23T10:00:00.000Z');
    const event = (actorId: string, targetAuthorId: string | null, kind: string): ParticipationRow => ({
      partnershipId: partnership.id,
      actorId,
      kind,
      targetItem: 'notes/n1',
      targetAuthorId,
      size: 2,
      at,
    });
    const writes: PendingWrite[] = [
      { update: updates[0] ?? new Uint8Array(), actorId: alice.id, claimClients: [doc.clientID], events: [event(alice.id, null, 'created')] },
      // The same binding again in one batch is not an error.
      { update: updates[1] ?? new Uint8Array(), actorId: alice.id, claimClients: [doc.clientID], events: [] },
      { update: updates[2] ?? new Uint8Array(), actorId: bob.id, claimClients: [], events: [event(bob.id, alice.id, 'edited'), event(bob.id, alice.id, 'commented')] },
    ];
    const lastId = await appendUpdates(docId, writes);

    const rows = await getDb().select().from(docUpdates).where(eq(docUpdates.docId, docId)).orderBy(docUpdates.id);
    expect(rows.map((r) => r.actorId)).toEqual([alice.id, alice.id, bob.id]);
    expect(rows.at(-1)?.id).toBe(lastId);
    expect(rows.map((r) => Buffer.from(r.update).equals(Buffer.from(writes[rows.indexOf(r)]?.update ?? [])))).toEqual([true, true, true]);
    const stored = await readStoredDoc(docId);
    const copy = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());

    const bindings = await getDb().select().from(docClients).where(eq(docClients.docId, docId));
    expect(bindings.map((b) => [b.clientId, b.userId])).toEqual([[doc.clientID, alice.id]]);
    const events = await getDb().select().from(participationEvents).where(eq(participationEvents.docId, docId)).orderBy(participationEvents.id);
    expect(events.map((e) => [e.actorId, e.kind, e.targetAuthorId, e.size, e.targetItem])).toEqual([
      [alice.id, 'created', null, 2, 'notes/n1'],
      [bob.id, 'edited', alice.id, 2, 'notes/n1'],
      [bob.id, 'commented', alice.id, 2, 'notes/n1'],
    ]);
    expect(new Date(events[0]?.at ?? 0).toISOString()).toBe(at.toISOString());
  });

  it('binds a clientID to the first person who claims it, and reads back only recent bindings when asked', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const bob = await buildUser({ partnershipId: partnership.id });
    const docId = `board:${crypto.randomUUID()}`;
    expect(await claimClientIds(docId, alice.id, [11, 12])).toEqual([]);
    // Bob asking for one of Alice's and a free one: told whose the taken one is; the free one is his.
    expect(await claimClientIds(docId, bob.id, [12, 13])).toEqual([{ clientId: 12, userId: alice.id }]);
    // Alice again for her own: nothing taken.
    expect(await claimClientIds(docId, alice.id, [11])).toEqual([]);
    await getDb()
      .update(docClients)
      .set({ firstSeenAt: sql`now() - interval '2 minutes'` })
      .where(and(eq(docClients.docId, docId), eq(docClients.clientId, 11)));
    const owners = (rows: { clientId: number; userId: string }[]) => rows.map((r) => [r.clientId, r.userId]).sort();
    expect(owners(await readClientBindingRows(docId))).toEqual([[11, alice.id], [12, alice.id], [13, bob.id]].sort());
    expect(owners(await readClientBindingRows(docId, 60))).toEqual([[12, alice.id], [13, bob.id]].sort());
  });

  it('stores any text exactly: quotes, backslashes, braces, commas, NULL-like words and emoji in ids and targets', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const nasty = `board:${crypto.randomUUID()}'); drop table doc_updates; --\\"{a,b}" NULL \u00e9\u{1F91D}`;
    const target = `notes/'"\\{},NULL\u{1F4DD}`;
    const { updates } = updatesOf(1);
    await appendUpdates(nasty, [
      {
        update: updates[0] ?? new Uint8Array(),
        actorId: alice.id,
        claimClients: [4_294_967_295],
        events: [{ partnershipId: partnership.id, actorId: alice.id, kind: 'edited', targetItem: target, targetAuthorId: null, size: 1, at: new Date() }],
      },
    ]);
    expect((await readStoredDoc(nasty)).logLength).toBe(1);
    const [event] = await getDb().select().from(participationEvents).where(eq(participationEvents.docId, nasty));
    expect(event?.targetItem).toBe(target);
    const [binding] = await getDb().select().from(docClients).where(eq(docClients.docId, nasty));
    expect(binding?.clientId).toBe(4_294_967_295);
  });

  it('refuses prepared-statement arguments that would need escaping, before they reach SQL', async () => {
    const statement = { name: 'accord_test_echo_v1', types: ['text[]'], text: 'select $1::text[] as v' };
    expect(await runPrepared(statement, [['ab12', null, '2026-11-23T10:00:00.000Z']])).toEqual([{ v: ['ab12', null, '2026-11-23T10:00:00.000Z'] }]);
    for (const bad of ["it's", 'a b', 'a\\b', '{x}', 'a,b', '"q"', 'é']) {
      await expect(runPrepared(statement, [[bad]])).rejects.toThrow('literal-safe');
    }
    await expect(runPrepared(statement, [[Number.NaN]])).rejects.toThrow('finite');
  });

  it('commits a lone write at once and lets writes arriving within the commit interval share one commit', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const interval = 400;
    const writer = new UpdateLogWriter(undefined, interval);
    const docId = `board:${crypto.randomUUID()}`;
    const { updates } = updatesOf(6);
    const write = (i: number) => ({ update: updates[i] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: [] });
    const started = performance.now();
    await writer.append(docId, write(0));
    expect(performance.now() - started).toBeLessThan(interval / 2);
    // Five more right away: they wait for the interval and then commit together.
    const settledAt: number[] = [];
    const ids = await Promise.all([1, 2, 3, 4, 5].map((i) => writer.append(docId, write(i)).then((id) => (settledAt.push(performance.now()), id))));
    expect(Math.min(...settledAt) - started).toBeGreaterThanOrEqual(interval - 20);
    expect(Math.max(...settledAt) - Math.min(...settledAt)).toBeLessThan(50);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect((await readStoredDoc(docId)).logLength).toBe(6);
    await writer.drain();
  });

  it('writes a batch too large for one statement (a paste touching thousands of items) in one transaction', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const docId = `board:${crypto.randomUUID()}`;
    const { updates } = updatesOf(2);
    const many = Array.from({ length: 5000 }, (_, i) => ({
      partnershipId: partnership.id,
      actorId: alice.id,
      kind: 'created',
      targetItem: `notes/n${i}`,
      targetAuthorId: null,
      size: 1,
      at: new Date(),
    }));
    await appendUpdates(docId, [
      { update: updates[0] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: many },
      { update: updates[1] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: [] },
    ]);
    const [count] = await queryRows(getDb(), sql`select count(*)::int as n from participation_events where doc_id = ${docId}`);
    expect(count?.n).toBe(5000);
    expect((await readStoredDoc(docId)).logLength).toBe(2);
  });

  it('writes nothing when any part of the batch fails', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const docId = `board:${crypto.randomUUID()}`;
    const { updates } = updatesOf(1);
    const unknownPerson = crypto.randomUUID();
    await expect(
      appendUpdates(docId, [
        {
          update: updates[0] ?? new Uint8Array(),
          actorId: alice.id,
          claimClients: [7],
          events: [{ partnershipId: partnership.id, actorId: unknownPerson, kind: 'created', targetItem: 'x', targetAuthorId: null, size: 1, at: new Date() }],
        },
      ]),
    ).rejects.toThrow();
    expect((await readStoredDoc(docId)).logLength).toBe(0);
    expect(await getDb().select().from(docClients).where(and(eq(docClients.docId, docId), eq(docClients.clientId, 7)))).toEqual([]);
  });

  it('commits many docs together, and a doc whose rows are refused holds back only itself until they commit', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const errors: (string | null)[] = [];
    const writer = new UpdateLogWriter((docId) => errors.push(docId));
    const [good, stuck] = [`board:${crypto.randomUUID()}`, `board:${crypto.randomUUID()}`];
    const { updates } = updatesOf(3);
    const ghost = crypto.randomUUID(); // no such person yet: the foreign key refuses the row
    let stuckCommitted = false;
    const stuckWrite = writer.append(stuck, { update: updates[0] ?? new Uint8Array(), actorId: ghost, claimClients: [], events: [] }).then((id) => {
      stuckCommitted = true;
      return id;
    });
    const goodIds = await Promise.all([
      writer.append(good, { update: updates[1] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: [] }),
      writer.append(good, { update: updates[2] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: [] }),
    ]);
    expect(goodIds[1]).toBeGreaterThan(goodIds[0] ?? Infinity);
    expect((await readStoredDoc(good)).logLength).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(stuckCommitted).toBe(false);
    expect(errors).toContain(stuck);
    // A later write of the stuck doc waits behind the refused one, in order.
    const later = writer.append(stuck, { update: updates[1] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: [] });
    // Once the row can be written (the person exists), the retry commits it, then the later one.
    await getDb().insert(users).values({ id: ghost, email: `${ghost}@test.example`, name: 'Late arrival', passwordHash: null });
    const [stuckId, laterId] = await Promise.all([stuckWrite, later]);
    expect(laterId).toBeGreaterThan(stuckId);
    expect((await readStoredDoc(stuck)).logLength).toBe(2);
    await writer.drain();
  });

  it('keeps a doc’s order when its next write arrives while its failed batch is being sorted out', async () => {
    const partnership = await buildPartnership();
    const alice = await buildUser({ partnershipId: partnership.id });
    const stuck = `board:${crypto.randomUUID()}`;
    const { updates } = updatesOf(2);
    const ghost = crypto.randomUUID(); // no such person yet: the foreign key refuses the row
    let next: Promise<number> | null = null;
    let nextCommitted = false;
    const writer = new UpdateLogWriter((docId) => {
      // The batch has failed and the writer is about to retry it per doc: a write of the same
      // doc arriving now must wait behind the refused one, not be committed ahead of it.
      if (docId === null && !next) {
        next = writer.append(stuck, { update: updates[1] ?? new Uint8Array(), actorId: alice.id, claimClients: [], events: [] }).then((id) => {
          nextCommitted = true;
          return id;
        });
      }
    });
    const first = writer.append(stuck, { update: updates[0] ?? new Uint8Array(), actorId: ghost, claimClients: [], events: [] });
    await new Promise((r) => setTimeout(r, 400));
    expect(next).not.toBeNull();
    expect(nextCommitted).toBe(false);
    await getDb().insert(users).values({ id: ghost, email: `${ghost}@test.example`, name: 'Late arrival', passwordHash: null });
    const [firstId, nextId] = await Promise.all([first, next as unknown as Promise<number>]);
    expect(nextId).toBeGreaterThan(firstId);
    await writer.drain();
  });

  if (backend === 'pglite') {
    it('runs the embedded database on its own thread with PostgreSQL errors and transactions intact', async () => {
      const raw = getRawClient();
      if (raw.kind !== 'pglite') throw new Error('expected the embedded database');
      const rawQuery = async (text: string) => (await raw.client.query(text)).rows;
      // Errors keep their SQLSTATE and fields across the thread boundary.
      const err = await rawQuery('select 1/0').catch((e: unknown) => e);
      expect(err).toMatchObject({ code: '22012' });
      // A failed transaction rolls back; queries outside it wait for it and see nothing.
      const marker = `t-${crypto.randomUUID()}`;
      const failing = getDb().transaction(async (tx) => {
        await tx.execute(sql`create temporary table if not exists thread_probe (v text)`);
        await tx.execute(sql`insert into thread_probe values (${marker})`);
        throw new Error('roll back');
      });
      const outside = rawQuery('select 1 as one');
      await expect(failing).rejects.toThrow('roll back');
      expect(await outside).toEqual([{ one: 1 }]);
      const rows = await rawQuery(`select count(*)::int as n from pg_tables where tablename = 'thread_probe'`);
      expect(rows).toEqual([{ n: 0 }]);
      // Committed transactions commit; bytes round-trip unchanged.
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      const back = await getDb().transaction(async (tx) => queryRows(tx, sql`select ${Buffer.from(bytes)}::bytea as b`));
      expect(new Uint8Array(back[0]?.b as Uint8Array)).toEqual(bytes);
    });
  }
});

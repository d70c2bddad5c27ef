import { io } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncClient } from '../../components/sync/sync-client';
import { addNote, readBoard, setBoardTitle, setNoteText } from '../../domain/board/team-board';
import { LIMITS, boardDocId } from '../../domain/sync/protocol';
import { backends } from '../support/environment';
import { forgedUnder, fromNewClients, updateMessage as encodeUpdateMessage } from '../support/raw-sync';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';
import { connectAs, openSynced, signedIn, waitForConnect, waitForDisconnect, waitForDoc } from '../support/sync';

type Built = { id: string; email: string; password: string; membershipId: string | null };

for (const backend of backends) {
  describe(`realtime sync [${backend}]`, () => {
    let server: AccordProcess;
    let partnershipId: string;
    let facilitator: Built;
    let labor: Built;
    let labor2: Built;
    let management: Built;
    let researcher: Built;
    let outsider: Built;
    let boardId: string;
    let laborCaucusId: string;
    const clients: SyncClient[] = [];

    async function connect(person: Built, options: Parameters<typeof connectAs>[2] = {}) {
      const { client } = await connectAs(server.url, person, options);
      clients.push(client);
      return client;
    }

    beforeAll(async () => {
      server = await startAccord({ backend });
      const p = await server.fixture('partnership', { name: 'Sync' });
      const other = await server.fixture('partnership', { name: 'Elsewhere' });
      partnershipId = p.id;
      facilitator = await server.fixture('user', { partnershipId, party: 'neutral', role: 'facilitator' });
      labor = await server.fixture('user', { partnershipId, party: 'labor', role: 'union_president' });
      labor2 = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      management = await server.fixture('user', { partnershipId, party: 'management', role: 'superintendent' });
      researcher = await server.fixture('user', { partnershipId, party: 'neutral', role: 'researcher' });
      outsider = await server.fixture('user', { partnershipId: other.id, party: 'labor', role: 'teacher' });
      boardId = (await server.fixture('board', { actorId: facilitator.id, partnershipId, input: { title: 'Shared' } })).id;
      laborCaucusId = (await server.fixture('board', { actorId: labor.id, partnershipId, input: { title: 'Labor caucus', privateToParty: 'labor' } })).id;
    });
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await server?.cleanup();
    });

    it('two clients converge and see the initial board', async () => {
      const a = await openSynced(await connect(labor), boardDocId(boardId));
      const b = await openSynced(await connect(management), boardDocId(boardId));
      expect(readBoard(a.doc).title).toBe('Shared');
      const column = readBoard(a.doc).columns[0]?.id ?? '';
      addNote(a.doc, { id: 'n-a', column, text: 'from labor' });
      addNote(b.doc, { id: 'n-b', column, text: 'from management' });
      await waitForDoc(a.doc, (d) => readBoard(d).notes.length === 2);
      await waitForDoc(b.doc, (d) => readBoard(d).notes.length === 2);
      await Promise.all([a.whenSaved(), b.whenSaved()]);
      expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));
    });

    it('records who did what, with the target’s author taken from the clientID binding', async () => {
      const a = await openSynced(await connect(labor2), boardDocId(boardId));
      await waitForDoc(a.doc, (d) => readBoard(d).notes.some((n) => n.id === 'n-b'));
      setNoteText(a.doc, 'n-b', 'from management, improved by labor');
      await a.whenSaved();
      const events = await server.fixture('participationEvents', { docId: boardDocId(boardId) });
      expect(events).toContainEqual({ actorId: management.id, kind: 'created', targetItem: 'notes/n-b', targetAuthorId: management.id });
      expect(events).toContainEqual({ actorId: labor2.id, kind: 'edited', targetItem: 'notes/n-b', targetAuthorId: management.id });
    });

    it('saves content whose keys and title hold a NUL character, which PostgreSQL text cannot, and keeps saving after', async () => {
      const own = (await server.fixture('board', { actorId: facilitator.id, partnershipId, input: { title: 'NUL' } })).id;
      const a = await openSynced(await connect(labor), boardDocId(own));
      const column = readBoard(a.doc).columns[0]?.id ?? '';
      addNote(a.doc, { id: 'n\u0000ul', column, text: 'a note with a NUL in its id' });
      setBoardTitle(a.doc, 'Title with \u0000 inside');
      const inTime = (p: Promise<void>) => Promise.race([p.then(() => 'saved'), new Promise<string>((r) => setTimeout(() => r('still saving'), 5000))]);
      expect(await inTime(a.whenSaved())).toBe('saved');
      addNote(a.doc, { id: 'after', column, text: 'and one after it' });
      expect(await inTime(a.whenSaved())).toBe('saved');
      const events = await server.fixture('participationEvents', { docId: boardDocId(own) });
      expect(events).toContainEqual(expect.objectContaining({ kind: 'created', targetItem: 'notes/n\uFFFDul' }));
      expect(events).toContainEqual(expect.objectContaining({ kind: 'created', targetItem: 'notes/after' }));
    });

    it('copies a title edited on the board into the list of boards, within seconds', async () => {
      const a = await openSynced(await connect(management), boardDocId(boardId));
      setBoardTitle(a.doc, 'Shared');
      setBoardTitle(a.doc, '  Budget priorities 2027  ');
      await a.whenSaved();
      const deadline = Date.now() + 5000;
      let title = await server.fixture('boardTitle', { boardId });
      while (title !== 'Budget priorities 2027' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        title = await server.fixture('boardTitle', { boardId });
      }
      expect(title).toBe('Budget priorities 2027');
      // An emptied title is not copied: the list keeps the last one.
      setBoardTitle(a.doc, '');
      await a.whenSaved();
      await new Promise((r) => setTimeout(r, 1500));
      expect(await server.fixture('boardTitle', { boardId })).toBe('Budget priorities 2027');
      setBoardTitle(a.doc, 'Shared');
      await a.whenSaved();
    });

    it('refuses a view-only member’s writes with an error, not silently', async () => {
      const r = await openSynced(await connect(researcher), boardDocId(boardId));
      expect(r.status.access).toBe('view');
      r.doc.getText('sneaky').insert(0, 'edit attempt');
      // A view-only client holds its edit locally; forcing a send must be refused.
      const refused = await r.client.socket.emitWithAck('doc:sync', boardDocId(boardId), encodeUpdateMessage(Y.encodeStateAsUpdate(r.doc)));
      expect(refused).toMatchObject({ ok: false, code: 'read_only' });
    });

    it('refuses a non-member and the other party, delivering zero bytes of content or presence', async () => {
      const watcher = await openSynced(await connect(labor), boardDocId(laborCaucusId));
      watcher.awareness.setLocalState({ cursor: { x: 1, y: 2 } });
      for (const person of [outsider, management, facilitator]) {
        const client = await connect(person);
        await waitForConnect(client);
        const received: string[] = [];
        client.socket.onAny((event: string) => received.push(event));
        for (const docId of [boardDocId(laborCaucusId), ...(person === outsider ? [boardDocId(boardId)] : [])]) {
          const ack = await client.socket.emitWithAck('doc:join', { docId });
          expect(ack).toEqual({ ok: false, code: 'not_found', message: 'Document not found' });
          const sync = await client.socket.emitWithAck('doc:sync', docId, encodeStep1());
          expect(sync).toMatchObject({ ok: false, code: 'not_joined' });
        }
        // Let the watcher's presence and an edit happen while the refused client listens.
        watcher.doc.getText('caucus').insert(0, 'private strategy');
        await watcher.whenSaved();
        const probe = await client.socket.emitWithAck('doc:join', { docId: boardDocId('00000000-0000-4000-8000-000000000000') });
        expect(probe).toMatchObject({ ok: false, code: 'not_found' });
        expect(received).toEqual([]);
      }
    });

    it('lets an invited facilitator into a party board', async () => {
      await server.fixture('inviteFacilitatorsToBoard', { boardId: laborCaucusId });
      const client = await connect(facilitator);
      await waitForConnect(client);
      const ack = await client.socket.emitWithAck('doc:join', { docId: boardDocId(laborCaucusId) });
      expect(ack).toEqual({ ok: true, access: 'edit' });
    });

    it('refuses new content under a clientID bound to another person, without disconnecting', async () => {
      const victim = await openSynced(await connect(labor), boardDocId(boardId));
      victim.doc.getText('owned').insert(0, 'mine');
      await victim.whenSaved();
      const attacker = await openSynced(await connect(management), boardDocId(boardId));
      const ack = await attacker.client.socket.emitWithAck('doc:sync', boardDocId(boardId), forgedUnder(victim.doc, 'owned', 4));
      expect(ack).toMatchObject({ ok: false, code: 'client_id_taken' });
      expect(attacker.client.isConnected()).toBe(true);
      expect(victim.doc.getText('owned').toString()).toBe('mine');
    });

    it('takes in an offline copy that spans many page loads, each with a clientID of its own', async () => {
      const docId = boardDocId(boardId);
      const live = await openSynced(await connect(labor), docId);
      // A browser kept the board offline across twelve page loads: each load opened the copy
      // kept so far under a fresh Yjs clientID and added to it.
      let kept = Y.encodeStateAsUpdate(live.doc);
      for (let load = 1; load <= 12; load++) {
        const page = new Y.Doc();
        Y.applyUpdate(page, kept);
        page.getArray<string>('offline-loads').push([`load ${load}`]);
        kept = Y.encodeStateAsUpdate(page);
      }
      // The thirteenth load comes back online with it: its step 2 carries all twelve.
      const client = await connect(labor2);
      const back = client.open(docId);
      Y.applyUpdate(back.doc, kept);
      await back.until((s) => s.isSynced);
      await back.whenSaved();
      expect(back.status.error).toBeNull();
      const loads = Array.from({ length: 12 }, (_, i) => `load ${i + 1}`);
      await waitForDoc(live.doc, (d) => JSON.stringify(d.getArray('offline-loads').toJSON()) === JSON.stringify(loads));
      const fresh = await openSynced(await connect(management), docId);
      expect(fresh.doc.getArray('offline-loads').toJSON()).toEqual(loads);
    });

    it('binds at most 64 new clientIDs to one person in one doc within an hour, refusing more with an error', async () => {
      const person = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const docId = boardDocId((await server.fixture('board', { actorId: facilitator.id, partnershipId, input: { title: 'Many tabs' } })).id);
      const a = await openSynced(await connect(person), docId);
      a.doc.getText('own').insert(0, 'first');
      await a.whenSaved();
      // With the page's own clientID, 64 in all.
      expect(await a.client.socket.emitWithAck('doc:sync', docId, fromNewClients(40))).toEqual({ ok: true });
      expect(await a.client.socket.emitWithAck('doc:sync', docId, fromNewClients(23))).toEqual({ ok: true });
      const errors: { code: string; message: string }[] = [];
      a.client.socket.on('doc:error', (e) => errors.push(e));
      const gone = waitForDisconnect(a.client);
      a.client.socket.emit('doc:sync', docId, fromNewClients(1), () => undefined);
      expect(await gone).toBe('io server disconnect');
      expect(errors).toEqual([{ docId, code: 'update_rejected', message: expect.stringContaining('64 new clientIDs') }]);
      // ClientIDs already bound to the person keep working, and nothing refused was kept.
      await waitForConnect(a.client);
      a.doc.getText('own').insert(5, ' and more');
      await a.whenSaved();
      const b = await openSynced(await connect(management), docId);
      expect(b.doc.getText('own').toString()).toBe('first and more');
      expect(Object.keys(b.doc.getMap('tabs').toJSON())).toHaveLength(63);
    });

    it('answers malformed, oversized and crafted frames with an error and a disconnect of that socket only', async () => {
      const bystander = await openSynced(await connect(labor2), boardDocId(boardId));
      const crafted = [
        new Uint8Array([2, 5, 255, 255, 255, 255, 15]),
        // A well-formed update claiming a garbage-collected range of 2^40 items.
        encodeUpdateMessage(new Uint8Array([1, 1, 7, 0, 0, 128, 128, 128, 128, 128, 32, 0])),
        encodeUpdateMessage(new TextEncoder().encode('garbagedoc')),
        encodeUpdateMessage(new Uint8Array(0)),
        new Uint8Array(5 * 1024 * 1024),
      ];
      for (const frame of crafted) {
        const attacker = await openSynced(await connect(management), boardDocId(boardId));
        const errors: string[] = [];
        attacker.client.socket.on('doc:error', (e) => errors.push(e.code));
        const gone = waitForDisconnect(attacker.client);
        attacker.client.socket.emit('doc:sync', boardDocId(boardId), frame, () => undefined);
        expect(await gone).toBe('io server disconnect');
        expect(errors.length).toBeGreaterThan(0);
        await attacker.client.close();
      }
      // Everyone else carries on, at normal speed.
      const started = performance.now();
      bystander.doc.getText('alive').insert(0, 'still here');
      await bystander.whenSaved();
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it('limits messages per socket and per person over all their sockets, cutting off only the socket over the limit', async () => {
      const bystander = await openSynced(await connect(labor2), boardDocId(boardId));
      // One socket past its burst (400): rate_limited and disconnected.
      const flooder = await connect(management);
      await waitForConnect(flooder);
      const errors: string[] = [];
      flooder.socket.on('doc:error', (e) => errors.push(e.code));
      const gone = waitForDisconnect(flooder);
      for (let i = 0; i < LIMITS.messageBurst + 50; i++) flooder.socket.emit('doc:leave', { docId: 'board:nothing' });
      expect(await gone).toBe('io server disconnect');
      expect(errors).toContain('rate_limited');
      await flooder.close();
      // Six sockets of one person, each within its own burst, together past the person's (2,000).
      const cookie = (await signedIn(server.url, management)).cookieHeader();
      const sockets = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const socket = io(`${server.url}/sync`, { parser: msgpackParser, transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
          await new Promise<void>((resolve, reject) => {
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
          });
          return socket;
        }),
      );
      const perSocket = LIMITS.messageBurst - 5;
      expect(perSocket * sockets.length).toBeGreaterThan(LIMITS.personMessageBurst + 200);
      const cutOff = sockets.map((socket) => new Promise<string>((resolve) => socket.once('disconnect', resolve)));
      for (const socket of sockets) for (let i = 0; i < perSocket; i++) socket.emit('doc:leave', { docId: 'board:nothing' });
      const first = await Promise.race(cutOff);
      expect(first).toBe('io server disconnect');
      for (const socket of sockets) socket.disconnect();
      // Nobody else noticed.
      const started = performance.now();
      bystander.doc.getText('alive').insert(0, 'after the floods');
      await bystander.whenSaved();
      expect(performance.now() - started).toBeLessThan(2000);
    });

    it('refuses one person’s sockets past the limit on a node in the handshake, also when they race; closing one makes room', async () => {
      const busy = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const cookie = (await signedIn(server.url, busy)).cookieHeader();
      const open = (reconnection = false) => io(`${server.url}/sync`, { parser: msgpackParser, transports: ['websocket'], reconnection, extraHeaders: { cookie } });
      const connected = (socket: ReturnType<typeof open>) =>
        new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (err) => resolve(err.message));
        });
      // All at once: handshakes racing each other must not pass the check together.
      const rush = Array.from({ length: LIMITS.maxSocketsPerPerson + 10 }, () => open());
      const results = await Promise.all(rush.map(connected));
      expect(results.filter((r) => r === 'connected')).toHaveLength(LIMITS.maxSocketsPerPerson);
      expect(results.filter((r) => r !== 'connected')).toEqual(Array(10).fill('too_many_connections'));
      const held = rush.filter((_, i) => results[i] === 'connected');
      for (const socket of rush) if (!held.includes(socket)) socket.disconnect();
      const oneTooMany = open();
      expect(await connected(oneTooMany)).toBe('too_many_connections');
      oneTooMany.disconnect();
      // Someone else is not affected.
      const other = await connect(labor2);
      await waitForConnect(other);
      // Accord's client keeps trying, and gets in once one of the others closes.
      const patient = await connect(busy);
      await new Promise<void>((resolve) => patient.socket.once('connect_error', () => resolve()));
      expect(patient.connectError).toBe('too_many_connections');
      held[0]?.disconnect();
      await waitForConnect(patient);
      for (const socket of held) socket.disconnect();
    });

    it('comes back by itself, with a pause, after the server dropped its socket', async () => {
      const watcher = await openSynced(await connect(labor2), boardDocId(boardId));
      const dropped = await openSynced(await connect(management), boardDocId(boardId));
      const gone = waitForDisconnect(dropped.client);
      dropped.client.socket.emit('doc:sync', boardDocId(boardId), new Uint8Array([2, 5, 255, 255, 255, 255, 15]), () => undefined);
      expect(await gone).toBe('io server disconnect');
      const droppedAt = performance.now();
      // Edits made while dropped are kept and arrive once it is back.
      dropped.doc.getText('after-drop').insert(0, 'back again');
      await waitForConnect(dropped.client);
      expect(performance.now() - droppedAt).toBeGreaterThanOrEqual(900);
      await dropped.whenSaved();
      await waitForDoc(watcher.doc, (d) => d.getText('after-drop').toString() === 'back again');
    });

    it('withdraws access within a second when a membership is revoked', async () => {
      const victim = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const handle = await openSynced(await connect(victim), boardDocId(boardId));
      const revokedAt = performance.now();
      const revoked = handle.until((s) => s.error?.code === 'access_revoked');
      await server.fixture('revokeMembership', { actorId: facilitator.id, partnershipId, membershipId: victim.membershipId ?? '' });
      await revoked;
      expect(performance.now() - revokedAt).toBeLessThan(1000);
      const again = await handle.client.socket.emitWithAck('doc:join', { docId: boardDocId(boardId) });
      expect(again).toMatchObject({ ok: false, code: 'not_found' });
    });

    it('tells an open board at once when the person’s access turns view-only, and back', async () => {
      const person = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const handle = await openSynced(await connect(person), boardDocId(boardId));
      expect(handle.status.access).toBe('edit');
      const role = (r: 'researcher' | 'teacher') =>
        server.fixture('changeMemberRole', { actorId: facilitator.id, partnershipId, input: { membershipId: person.membershipId ?? '', party: r === 'researcher' ? 'neutral' : 'labor', role: r } });
      // Without writing anything: the screen turns read-only before the person tries.
      const started = performance.now();
      const viewOnly = handle.until((s) => s.access === 'view');
      await role('researcher');
      await viewOnly;
      expect(performance.now() - started).toBeLessThan(1000);
      const editable = handle.until((s) => s.access === 'edit');
      await role('teacher');
      await editable;
      handle.doc.getText('promoted').insert(0, 'writing again');
      await handle.whenSaved();
      expect(handle.status.error).toBeNull();
    });

    it('re-stamps a person’s presence at once when their role changes, and their next presence still counts', async () => {
      const person = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const mover = await openSynced(await connect(person), boardDocId(boardId));
      const watcher = await openSynced(await connect(management), boardDocId(boardId));
      const seen = () => watcher.awareness.getStates().get(mover.doc.clientID) as { user?: { role?: string }; cursor?: number } | undefined;
      mover.awareness.setLocalState({ cursor: 1 });
      await expect.poll(() => seen()?.user?.role, { timeout: 5000, interval: 20 }).toBe('teacher');
      const started = performance.now();
      await server.fixture('changeMemberRole', { actorId: facilitator.id, partnershipId, input: { membershipId: person.membershipId ?? '', party: 'management', role: 'administrator' } });
      await expect.poll(() => seen()?.user?.role, { timeout: 5000, interval: 20 }).toBe('administrator');
      expect(performance.now() - started).toBeLessThan(1000);
      expect(seen()?.cursor).toBe(1);
      // The person's own client took the server's newer clock: its next move is not stale.
      mover.awareness.setLocalStateField('cursor', 2);
      await expect.poll(() => seen()?.cursor, { timeout: 5000, interval: 20 }).toBe(2);
      expect(seen()?.user?.role).toBe('administrator');
    });

    it('fails closed when access cannot be read after a change: the socket leaves the doc, and joins again once it can', async () => {
      const person = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
      const own = (await server.fixture('board', { actorId: facilitator.id, partnershipId, input: { title: 'Fail closed' } })).id;
      const docId = boardDocId(own);
      const handle = await openSynced(await connect(person), docId);
      const writer = await openSynced(await connect(labor), docId);
      const removed = new Promise<string>((resolve) => handle.client.socket.on('doc:error', (e: { docId: string | null; code: string }) => e.docId === docId && resolve(e.code)));
      await server.fixture('breakAccessReads', undefined);
      try {
        await server.fixture('announceMembershipChange', { partnershipId, userId: person.id });
        expect(await removed).toBe('access_unconfirmed');
        // Nothing reaches it meanwhile.
        writer.doc.getText('t').insert(0, 'while access is unknown');
        await new Promise((r) => setTimeout(r, 500));
        expect(handle.doc.getText('t').toString()).toBe('');
      } finally {
        await server.fixture('repairAccessReads', undefined);
      }
      // The client joins again by itself and catches up.
      await waitForDoc(handle.doc, (d) => d.getText('t').toString() === 'while access is unknown');
      expect(handle.status.access).toBe('edit');
    });

    it('applies one socket’s updates in the order sent on a bargaining board, whose access is re-read for every message', async () => {
      const sid = (
        await server.fixture('ibbSession', {
          actorId: facilitator.id,
          partnershipId,
          input: { title: 'Typing', participants: [{ userId: labor.id, role: 'chief_spokesperson' }, { userId: management.id, role: 'chief_spokesperson' }] },
        })
      ).id;
      const docId = `ibb:${sid}`;
      const typist = await openSynced(await connect(labor), docId);
      const errors: string[] = [];
      typist.client.socket.on('doc:error', (e: { code: string }) => errors.push(e.code));
      // Each keystroke its own transaction: each update depends on the one before it.
      const text = typist.doc.getText('typing');
      for (let i = 0; i < 200; i++) text.insert(i, String(i % 10));
      await typist.whenSaved();
      expect(errors).toEqual([]);
      const fresh = await openSynced(await connect(management), docId);
      expect(fresh.doc.getText('typing').toString()).toBe(text.toString());
    });

    it('works over HTTP long-polling only', async () => {
      const a = await openSynced(await connect(labor, { transports: ['polling'] }), boardDocId(boardId));
      const b = await openSynced(await connect(management, { transports: ['polling'] }), boardDocId(boardId));
      expect(a.client.socket.io.engine.transport.name).toBe('polling');
      a.doc.getText('poll').insert(0, 'over polling');
      await waitForDoc(b.doc, (d) => d.getText('poll').toString() === 'over polling');
      await a.whenSaved();
    });

    it('refuses a handshake from a foreign Origin and one without a session', async () => {
      const foreign = await connect(labor, { origin: 'http://evil.example' });
      const error = await new Promise<Error>((resolve) => foreign.socket.once('connect_error', resolve));
      expect(error.message).toMatch(/xhr poll error|websocket error|Unexpected server response: 403|400/i);
      foreign.socket.disconnect();
      const anonymous = io(`${server.url}/sync`, { parser: msgpackParser, transports: ['websocket'], reconnection: false });
      const anonError = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
      expect(anonError.message).toBe('unauthenticated');
      anonymous.disconnect();
    });

    it('merges a client’s offline edits when it reconnects', async () => {
      const a = await openSynced(await connect(labor), boardDocId(boardId));
      const b = await openSynced(await connect(management), boardDocId(boardId));
      a.client.socket.disconnect();
      await a.until((s) => s.connection === 'offline');
      a.doc.getText('offline').insert(0, 'written offline; ');
      b.doc.getText('online').insert(0, 'written online');
      await b.whenSaved();
      expect(a.status).toMatchObject({ save: 'offline', hasUnsavedChanges: true });
      a.client.socket.connect();
      await a.whenSaved();
      await waitForDoc(b.doc, (d) => d.getText('offline').toString() === 'written offline; ');
      await waitForDoc(a.doc, (d) => d.getText('online').toString() === 'written online');
    });

    it('keeps one socket’s updates in order when a large one (checked in a worker) is followed by small ones', async () => {
      const a = await openSynced(await connect(labor), boardDocId(boardId));
      const docId = boardDocId(boardId);
      // A second replica of the board under a clientID of its own, whose updates are sent by hand.
      const src = new Y.Doc();
      Y.applyUpdate(src, Y.encodeStateAsUpdate(a.doc));
      const updates: Uint8Array[] = [];
      src.on('update', (u: Uint8Array) => updates.push(u));
      const text = src.getText('ordered');
      text.insert(0, 'x'.repeat(6000)); // over the inline limit: validated in a worker
      text.insert(6000, ' then');
      text.insert(6005, ' more');
      expect(updates).toHaveLength(3);
      expect(updates[0]?.byteLength).toBeGreaterThan(4096);
      const before = (await server.fixture('logUpdates', { docId })).length;
      // Emitted back to back, so the server reads them together.
      const acks = updates.map((u) => a.client.socket.emitWithAck('doc:sync', docId, encodeUpdateMessage(u)));
      expect(await Promise.all(acks)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      // Other open clients may write meanwhile; ours must be logged in the order sent.
      const ours = updates.map((u) => Buffer.from(u).toString('hex'));
      const logged = (await server.fixture('logUpdates', { docId })).slice(before);
      expect(logged.filter((hex) => ours.includes(hex))).toEqual(ours);
      // Relayed to the others (never back to the sending socket), in one piece.
      const b = await openSynced(await connect(management), docId);
      await waitForDoc(b.doc, (d) => d.getText('ordered').toString() === `${'x'.repeat(6000)} then more`);
    });

    it('joins again by itself when the server could not open the doc for a moment', async () => {
      const later = (await server.fixture('board', { actorId: facilitator.id, partnershipId, input: { title: 'Opened later' } })).id;
      const client = await connect(labor);
      await server.fixture('breakDocLoads', undefined);
      const handle = client.open(boardDocId(later));
      try {
        await handle.until((s) => s.error?.code === 'internal');
        expect(handle.status.isSynced).toBe(false);
      } finally {
        await server.fixture('repairDocLoads', undefined);
      }
      // No reload, no reconnect: the page gets its board once the database answers again.
      await handle.until((s) => s.isSynced);
      expect(readBoard(handle.doc).title).toBe('Opened later');
      expect(handle.status.error).toBeNull();
      expect(handle.status.access).toBe('edit');
    });

    it('does not call a change saved after a reconnect, or acknowledge it sent again, while its commit still fails', async () => {
      const own = (await server.fixture('board', { actorId: facilitator.id, partnershipId, input: { title: 'Blip' } })).id;
      const docId = boardDocId(own);
      const a = await openSynced(await connect(labor), docId);
      await server.fixture('breakUpdateLog', undefined);
      try {
        a.doc.getText('durable').insert(0, 'not committed yet');
        await a.until((s) => s.save === 'saving');
        // A network blip: the transport drops, the client reconnects and joins again by itself.
        const back = new Promise((resolve) => a.client.socket.io.once('reconnect', resolve));
        a.client.socket.io.engine.close();
        await back;
        await new Promise((r) => setTimeout(r, 1500));
        expect(a.status.save).toBe('saving');
        // The server holds the change in memory: sent again, it is still not acknowledged.
        const again = await a.client.socket
          .timeout(1000)
          .emitWithAck('doc:sync', docId, encodeUpdateMessage(Y.encodeStateAsUpdate(a.doc)))
          .then(
            () => 'acknowledged',
            () => 'no answer',
          );
        expect(again).toBe('no answer');
      } finally {
        await server.fixture('repairUpdateLog', undefined);
      }
      await a.whenSaved();
      const fresh = await openSynced(await connect(management), docId);
      expect(fresh.doc.getText('durable').toString()).toBe('not committed yet');
    });

    it('acknowledges an update only once it is committed', async () => {
      const a = await openSynced(await connect(labor), boardDocId(boardId));
      await server.fixture('breakUpdateLog', undefined);
      a.doc.getText('durable').insert(0, 'must not be acked yet');
      await a.until((s) => s.save === 'saving');
      // The write keeps failing: no ack arrives while the database refuses it.
      const stillSaving = await Promise.race([a.whenSaved().then(() => 'saved'), server.fixture('logLength', { docId: boardDocId(boardId) }).then(() => 'checked')]);
      expect(stillSaving).toBe('checked');
      expect(a.status.save).toBe('saving');
      await server.fixture('repairUpdateLog', undefined);
      await a.whenSaved();
      const fresh = await openSynced(await connect(management), boardDocId(boardId));
      expect(fresh.doc.getText('durable').toString()).toBe('must not be acked yet');
    });
  });
}

function encodeStep1(): Uint8Array {
  return new Uint8Array([0, 1, 0]);
}

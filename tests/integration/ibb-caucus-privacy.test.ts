import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncClient } from '../../components/sync/sync-client';
import { addNote, readBoard } from '../../domain/board/team-board';
import { addIssue, readIbbBoard } from '../../domain/ibb/ibb-board';
import { HttpClient } from '../support/http-client';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';
import { updateMessage } from '../support/raw-sync';
import { connectAs, openSynced, waitForConnect, waitForDoc } from '../support/sync';

type Built = { id: string; email: string; password: string; membershipId: string | null };

/**
 * A party's caucus never reaches the other party — nor the facilitator unless invited, nor
 * observers — through sockets (content or presence), page loads or routes.
 */
describe('IBB caucus privacy', () => {
  let server: AccordProcess;
  let partnershipId: string;
  let sessionId: string;
  let people: Record<'facilitator' | 'laborChief' | 'laborMember' | 'mgmtChief' | 'observer' | 'bystander', Built>;
  const clients: SyncClient[] = [];

  async function connect(person: Built) {
    const { client } = await connectAs(server.url, person);
    clients.push(client);
    await waitForConnect(client);
    return client;
  }

  /** A fresh session with labor's and management's chiefs and `first` in the given role. */
  async function sessionWith(title: string, first: { userId: string; role: 'team_member' | 'facilitator' }) {
    const input = { title, participants: [first, { userId: people.laborChief.id, role: 'chief_spokesperson' as const }, { userId: people.mgmtChief.id, role: 'chief_spokesperson' as const }] };
    return (await server.fixture('ibbSession', { actorId: people.facilitator.id, partnershipId, input })).id;
  }

  /** The code of the next error the server sends this client about `docId`. */
  function nextErrorOn(client: SyncClient, docId: string): Promise<string> {
    return new Promise((resolve) => client.socket.on('doc:error', (e: { docId: string | null; code: string }) => e.docId === docId && resolve(e.code)));
  }

  beforeAll(async () => {
    server = await startAccord({});
    const p = await server.fixture('partnership', { name: 'Caucus' });
    partnershipId = p.id;
    people = {
      facilitator: await server.fixture('user', { partnershipId, party: 'neutral', role: 'facilitator' }),
      laborChief: await server.fixture('user', { partnershipId, party: 'labor', role: 'union_president' }),
      laborMember: await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' }),
      mgmtChief: await server.fixture('user', { partnershipId, party: 'management', role: 'superintendent' }),
      observer: await server.fixture('user', { partnershipId, party: 'neutral', role: 'researcher' }),
      bystander: await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' }),
    };
    sessionId = (
      await server.fixture('ibbSession', {
        actorId: people.facilitator.id,
        partnershipId,
        input: {
          title: 'Privacy',
          participants: [
            { userId: people.laborChief.id, role: 'chief_spokesperson' },
            { userId: people.laborMember.id, role: 'team_member' },
            { userId: people.mgmtChief.id, role: 'chief_spokesperson' },
            { userId: people.observer.id, role: 'observer' },
          ],
        },
      })
    ).id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.cleanup();
  });

  it('delivers labor’s caucus to labor only: no content, presence or even an acknowledgement of existence to anyone else', async () => {
    const caucus = `caucus:${sessionId}:labor`;
    const chief = await openSynced(await connect(people.laborChief), caucus);
    const member = await openSynced(await connect(people.laborMember), caucus);
    expect(readBoard(chief.doc).columns.map((c) => c.title)).toEqual(['Our interests', 'Options we could accept', 'Questions for the table']);
    chief.awareness.setLocalState({ focus: 'our bottom line' });

    const others = await Promise.all([people.mgmtChief, people.facilitator, people.observer, people.bystander].map((p) => connect(p)));
    const seen: string[][] = others.map(() => []);
    others.forEach((c, i) => c.socket.onAny((event: string, ...args: unknown[]) => seen[i]?.push(`${event} ${JSON.stringify(args).slice(0, 80)}`)));
    for (const c of others) {
      expect(await c.socket.emitWithAck('doc:join', { docId: caucus })).toEqual({ ok: false, code: 'not_found', message: 'Document not found' });
    }
    addNote(chief.doc, { id: 'secret', column: readBoard(chief.doc).columns[0]?.id ?? '', text: 'We can accept 26 if we get the aide' });
    await waitForDoc(member.doc, (d) => readBoard(d).notes.some((n) => n.id === 'secret'));
    await chief.whenSaved();
    // The join refusal is identical to a caucus that does not exist.
    const ghost = await others[0]?.socket.emitWithAck('doc:join', { docId: `caucus:00000000-0000-4000-8000-000000000000:labor` });
    expect(ghost).toEqual({ ok: false, code: 'not_found', message: 'Document not found' });
    expect(seen).toEqual([[], [], [], []]);
  });

  it('keeps the caucus out of what the session screen loads (the server action) for everyone else', async () => {
    const labor = JSON.stringify(await server.fixture('ibbState', { actorId: people.laborMember.id, sessionId }));
    expect(labor).toContain(`caucus:${sessionId}:labor`);
    for (const person of [people.mgmtChief, people.facilitator, people.observer]) {
      const state = JSON.stringify(await server.fixture('ibbState', { actorId: person.id, sessionId }));
      expect(state).not.toContain(`caucus:${sessionId}:labor`);
      expect(state).not.toContain('We can accept 26');
    }
    await expect(server.fixture('ibbState', { actorId: people.bystander.id, sessionId })).rejects.toThrow(/not found/i);
  });

  it('admits the facilitator only while labor invites them', async () => {
    const caucus = `caucus:${sessionId}:labor`;
    const fac = await connect(people.facilitator);
    expect((await fac.socket.emitWithAck('doc:join', { docId: caucus })).ok).toBe(false);
    await server.fixture('ibbCaucusInvite', { actorId: people.laborChief.id, sessionId, isInvited: true });
    expect(await fac.socket.emitWithAck('doc:join', { docId: caucus })).toEqual({ ok: true, access: 'edit' });
    // Management cannot invite anyone into labor's caucus, and is still refused itself.
    const mgmt = await connect(people.mgmtChief);
    expect((await mgmt.socket.emitWithAck('doc:join', { docId: caucus })).ok).toBe(false);
    // Withdrawing the invitation removes the facilitator from the caucus at once.
    const removed = new Promise<string>((resolve) => fac.socket.once('doc:error', (e) => resolve(e.code)));
    await server.fixture('ibbCaucusInvite', { actorId: people.laborChief.id, sessionId, isInvited: false });
    expect(await removed).toBe('access_revoked');
    const again = await connect(people.facilitator);
    expect((await again.socket.emitWithAck('doc:join', { docId: caucus })).ok).toBe(false);
  });

  it('announces a party’s caucus invitation to that party and the facilitators, not to the other side', async () => {
    const docId = `ibb:${sessionId}`;
    const joined = await Promise.all([people.laborMember, people.facilitator, people.mgmtChief].map(async (person) => (await openSynced(await connect(person), docId)).client));
    const records = joined.map(() => [] as string[]);
    joined.forEach((c, i) => c.socket.on('doc:record', (r: { kind: string }) => records[i]?.push(r.kind)));
    await server.fixture('ibbCaucusInvite', { actorId: people.laborChief.id, sessionId, isInvited: true });
    await expect.poll(() => records[0]?.includes('caucus') && records[1]?.includes('caucus'), { timeout: 5000, interval: 20 }).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(records[2]).toEqual([]);
    await server.fixture('ibbCaucusInvite', { actorId: people.laborChief.id, sessionId, isInvited: false });
  });

  it('refuses the session’s pages and exports to non-participants with 404', async () => {
    const http = new HttpClient(server.url);
    expect((await http.signIn(people.bystander.email, people.bystander.password)).ok).toBe(true);
    for (const path of [`/p/${partnershipId}/ibb/${sessionId}`, `/p/${partnershipId}/ibb/${sessionId}/caucus/labor`, `/api/ibb/${sessionId}/export/json`]) {
      const res = await http.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Privacy');
    }
  });

  it('makes a locked board read-only for the teams but not the facilitator, at once', async () => {
    const docId = `ibb:${sessionId}`;
    const labor = await openSynced(await connect(people.laborMember), docId);
    const fac = await openSynced(await connect(people.facilitator), docId);
    const lockedAt = performance.now();
    const laborViewOnly = labor.until((s) => s.access === 'view');
    await server.fixture('ibbControl', { actorId: people.facilitator.id, sessionId, input: { control: 'lock', isLocked: true } });
    // The team's screen turns read-only before anyone tries to write (doc:access).
    await laborViewOnly;
    expect(performance.now() - lockedAt).toBeLessThan(1000);
    expect(fac.status.access).toBe('edit');
    // And the server refuses a team's write whatever its client thinks.
    addIssue(labor.doc, { id: 'locked-out', title: 'Written while locked', raisedBy: 'labor' });
    const ack = await labor.client.socket.emitWithAck('doc:sync', docId, updateMessage(Y.encodeStateAsUpdate(labor.doc)));
    expect(ack).toMatchObject({ ok: false, code: 'read_only' });
    addIssue(fac.doc, { id: 'facilitator-note', title: 'Facilitator may still write', raisedBy: 'joint' });
    await fac.whenSaved();
    const fresh = await openSynced(await connect(people.mgmtChief), docId);
    expect(fresh.status.access).toBe('view');
    expect(readIbbBoard(fresh.doc).issues.map((i) => i.id)).toContain('facilitator-note');
    expect(readIbbBoard(fresh.doc).issues.map((i) => i.id)).not.toContain('locked-out');
    // Unlocked: editable again at once, for the team and the fresh joiner alike.
    const laborEditable = labor.until((s) => s.access === 'edit');
    const freshEditable = fresh.until((s) => s.access === 'edit');
    await server.fixture('ibbControl', { actorId: people.facilitator.id, sessionId, input: { control: 'lock', isLocked: false } });
    await Promise.all([laborEditable, freshEditable]);
    addIssue(fresh.doc, { id: 'after-unlock', title: 'Written after the unlock', raisedBy: 'management' });
    await fresh.whenSaved();
    expect(fresh.status.error).toBeNull();
  });
  it('drops a participant who changes sides from their old party’s caucus and the session, at once and over HTTP too', async () => {
    const mover = await server.fixture('user', { partnershipId, party: 'labor', role: 'teacher' });
    const sid = await sessionWith('Changing sides', { userId: mover.id, role: 'team_member' });
    const caucus = `caucus:${sid}:labor`;
    const client = await connect(mover);
    await openSynced(client, caucus);
    const removed = nextErrorOn(client, caucus);
    const started = performance.now();
    // Promoted out of the union: now management.
    await server.fixture('changeMemberRole', { actorId: people.facilitator.id, partnershipId, input: { membershipId: mover.membershipId ?? '', party: 'management', role: 'administrator' } });
    expect(await removed).toBe('access_revoked');
    expect(performance.now() - started).toBeLessThan(1000);
    for (const docId of [caucus, `caucus:${sid}:management`, `ibb:${sid}`]) {
      expect(await client.socket.emitWithAck('doc:join', { docId }), docId).toEqual({ ok: false, code: 'not_found', message: 'Document not found' });
    }
    const http = new HttpClient(server.url);
    expect((await http.signIn(mover.email, mover.password)).ok).toBe(true);
    for (const path of [`/p/${partnershipId}/ibb/${sid}`, `/p/${partnershipId}/ibb/${sid}/caucus/labor`, `/api/ibb/${sid}/export/json`]) {
      expect((await http.request(path)).status, path).toBe(404);
    }
    // Nor is it listed on the partnership home.
    const home = await http.request(`/p/${partnershipId}`);
    expect(home.status).toBe(200);
    expect(await home.text()).not.toContain('Changing sides');
  });
  it('takes a session’s facilitator powers and an invited caucus from someone who is no longer a facilitator', async () => {
    const second = await server.fixture('user', { partnershipId, party: 'neutral', role: 'facilitator' });
    const sid = await sessionWith('Facilitator stepping down', { userId: second.id, role: 'facilitator' });
    await server.fixture('ibbCaucusInvite', { actorId: people.laborChief.id, sessionId: sid, isInvited: true });
    const caucus = `caucus:${sid}:labor`;
    const client = await connect(second);
    await openSynced(client, caucus);
    const removed = nextErrorOn(client, caucus);
    await server.fixture('changeMemberRole', { actorId: people.facilitator.id, partnershipId, input: { membershipId: second.membershipId ?? '', party: 'neutral', role: 'researcher' } });
    expect(await removed).toBe('access_revoked');
    expect(await client.socket.emitWithAck('doc:join', { docId: caucus })).toEqual({ ok: false, code: 'not_found', message: 'Document not found' });
    const http = new HttpClient(server.url);
    expect((await http.signIn(second.email, second.password)).ok).toBe(true);
    expect((await http.request(`/p/${partnershipId}/ibb/${sid}`)).status).toBe(404);
  });
});

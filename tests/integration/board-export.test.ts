import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../domain/board/team-board';
import { HttpClient } from '../support/http-client';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';
import { connectAs, openSynced } from '../support/sync';

type Built = { id: string; email: string; password: string; name: string };

describe('team board export (CSV over HTTP)', () => {
  let server: AccordProcess;
  let people: Record<'teacher' | 'principal' | 'researcher' | 'outsider', Built>;
  let sharedId: string;
  let privateId: string;
  const secret = `LABOR-ONLY-${Math.random().toString(36).slice(2, 10)}`;

  async function download(person: Built | null, boardId: string): Promise<Response> {
    const http = new HttpClient(server.url);
    if (person) expect((await http.signIn(person.email, person.password)).ok).toBe(true);
    return http.request(`/api/boards/${boardId}/export`);
  }

  beforeAll(async () => {
    server = await startAccord({});
    const p = await server.fixture('partnership', { name: 'Export boards' });
    const other = await server.fixture('partnership', { name: 'Elsewhere' });
    people = {
      teacher: await server.fixture('user', { partnershipId: p.id, party: 'labor', role: 'teacher' }),
      principal: await server.fixture('user', { partnershipId: p.id, party: 'management', role: 'administrator' }),
      researcher: await server.fixture('user', { partnershipId: p.id, party: 'neutral', role: 'researcher' }),
      outsider: await server.fixture('user', { partnershipId: other.id, party: 'labor', role: 'teacher' }),
    };
    sharedId = (await server.fixture('board', { actorId: people.teacher.id, partnershipId: p.id, input: { title: 'Release days: what next?' } })).id;
    privateId = (await server.fixture('board', { actorId: people.teacher.id, partnershipId: p.id, input: { title: 'Our priorities', privateToParty: 'labor' } })).id;
    // Notes written the way a browser writes them: over the socket, acknowledged once durable.
    const { client } = await connectAs(server.url, people.teacher);
    for (const [boardId, text] of [
      [sharedId, 'Coaches, in every school'],
      [privateId, secret],
    ] as const) {
      const handle = await openSynced(client, `board:${boardId}`);
      const column = [...handle.doc.getArray<import('yjs').Map<unknown>>('columns')][0]?.get('id');
      addNote(handle.doc, { id: `note-${boardId.slice(0, 8)}`, column: String(column), text });
      await handle.whenSaved();
    }
    await client.close();
  });
  afterAll(async () => {
    await server?.cleanup();
  });

  it('gives a member the saved board as a CSV file named after it', async () => {
    const res = await download(people.principal, sharedId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="release-days-what-next.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Kept with its byte-order mark, which spreadsheets need to read accents right.
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()).split('\r\n');
    expect(lines[0]).toBe('\uFEFFsection,id,parent_id,column,position,color,agreements,text');
    expect(lines[1]).toBe('board,,,,,,,Release days: what next?');
    expect(lines.filter((l) => l.startsWith('column,')).map((l) => l.split(',').at(-1))).toEqual(['Ideas', 'Questions', 'Next steps']);
    expect(lines.find((l) => l.startsWith('note,'))).toMatch(/^note,note-[0-9a-f]{8},[0-9a-f-]{36},Ideas,1,yellow,0,"Coaches, in every school"$/);
  });

  it('lets a view-only member (a researcher) download a shared board', async () => {
    expect((await download(people.researcher, sharedId)).status).toBe(200);
  });

  it('answers another party exactly as for a board that does not exist, and never sends its content', async () => {
    const own = await download(people.teacher, privateId);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain(secret);
    const other = await download(people.principal, privateId);
    const missing = await download(people.principal, '00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    const [otherBody, missingBody] = [await other.text(), await missing.text()];
    expect(otherBody).toBe(missingBody);
    expect(otherBody).not.toContain(secret);
  });

  it('refuses people of another partnership, anyone signed out, and ids that are not board ids', async () => {
    expect((await download(people.outsider, sharedId)).status).toBe(404);
    const signedOut = await download(null, sharedId);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.text()).not.toContain('Coaches');
    expect((await download(people.teacher, 'not-a-board')).status).toBe(400);
  });
});

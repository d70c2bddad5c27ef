import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccordClient } from '../../bench/accord-client';
import { WireTransport } from '../../bench/accord-wire';
import { readBoard } from '../../domain/board/team-board';
import { boardDocId } from '../../domain/sync/protocol';
import { backends } from '../support/environment';
import type { AccordProcess } from '../support/server';
import { startAccord } from '../support/server';
import type { Person } from '../support/sync';
import { signedIn, waitForDoc } from '../support/sync';

/**
 * docs/protocol.md's "Wire level" is enough to write a client with no socket.io library:
 * bench/accord-wire.ts is written from it alone (Engine.IO framing and msgpack packets on
 * a bare WebSocket), and here it talks to the real server.
 */
const backend = backends[0] ?? 'pglite';

describe(`protocol at the wire level [${backend}]`, () => {
  let server: AccordProcess;
  let boardId: string;
  let cookies: { labor: string; management: string; outsider: string };
  const clients: AccordClient[] = [];

  const cookieOf = async (person: Person) => (await signedIn(server.url, person)).cookieHeader();

  function client(cookie: string, acks: string[] = []): AccordClient {
    const c = new AccordClient({ url: server.url, cookie, transport: 'wire', onAck: (_ms, ack) => acks.push(ack.ok ? 'ok' : ack.code) });
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    server = await startAccord({ backend });
    const p = await server.fixture('partnership', { name: 'Wire' });
    const other = await server.fixture('partnership', { name: 'Elsewhere' });
    const facilitator = await server.fixture('user', { partnershipId: p.id, party: 'neutral', role: 'facilitator' });
    const labor = await server.fixture('user', { partnershipId: p.id, party: 'labor', role: 'teacher' });
    const management = await server.fixture('user', { partnershipId: p.id, party: 'management', role: 'superintendent' });
    const outsider = await server.fixture('user', { partnershipId: other.id, party: 'labor', role: 'teacher' });
    boardId = (await server.fixture('board', { actorId: facilitator.id, partnershipId: p.id, input: { title: 'On the wire' } })).id;
    cookies = { labor: await cookieOf(labor), management: await cookieOf(management), outsider: await cookieOf(outsider) };
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.cleanup();
  });

  it('two wire clients join, converge, and every change is acknowledged once durable', async () => {
    const acks: string[] = [];
    const a = client(cookies.labor, acks);
    const b = client(cookies.management, acks);
    await Promise.all([a.connect(), b.connect()]);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    await a.open(boardDocId(boardId), docA);
    await b.open(boardDocId(boardId), docB);
    // The server's state arrived with the join: the board's title is there.
    expect(readBoard(docA).title).toBe('On the wire');
    docA.getText('wire').insert(0, 'from labor ');
    docB.getText('wire').insert(0, 'from management ');
    await waitForDoc(docA, (d) => d.getText('wire').length === 'from labor from management '.length);
    await waitForDoc(docB, (d) => d.getText('wire').length === 'from labor from management '.length);
    expect(Y.encodeStateAsUpdate(docA)).toEqual(Y.encodeStateAsUpdate(docB));
    await expect.poll(() => acks.length).toBeGreaterThanOrEqual(2);
    expect(acks.every((a) => a === 'ok')).toBe(true);
  });

  it('a connection without a session is refused with connect_error "unauthenticated"', async () => {
    const transport = new WireTransport(server.url, '');
    await expect(transport.connect()).rejects.toThrow('unauthenticated');
  });

  it('a join by someone outside the partnership is refused as not_found, with nothing of the doc sent', async () => {
    const events: string[] = [];
    const c = client(cookies.outsider);
    c.transport.onEvent((event) => events.push(event));
    await c.connect();
    await expect(c.open(boardDocId(boardId), new Y.Doc())).rejects.toThrow('not_found');
    // Give a stray step 1 or presence time to arrive, then check none did.
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([]);
  });
});

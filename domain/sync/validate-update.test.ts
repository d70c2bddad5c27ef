import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { validateUpdate } from './validate-update';

function sv(doc: Y.Doc): [number, number][] {
  return [...Y.decodeStateVector(Y.encodeStateVector(doc))];
}

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let out: Uint8Array | null = null;
  const handler = (u: Uint8Array) => (out = u);
  doc.on('update', handler);
  change();
  doc.off('update', handler);
  if (!out) throw new Error('no update');
  return out;
}

describe('validateUpdate', () => {
  it('accepts a normal edit and claims its new clientID', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const u = captureUpdate(client, () => client.getText('t').insert(0, 'hello'));
    const r = validateUpdate({ update: u, stateVector: sv(server), ownClients: [], foreignClients: [] });
    expect(r).toMatchObject({ ok: true, claimClients: [client.clientID], droppedForeign: false });
  });

  it('takes up to 64 new clientIDs in one update (an offline copy spanning many page loads) and refuses more', () => {
    const server = new Y.Doc();
    const fromNewClients = (count: number) =>
      Y.mergeUpdates(
        Array.from({ length: count }, (_, i) => {
          const d = new Y.Doc();
          d.getMap('m').set(`k${i}`, i);
          return Y.encodeStateAsUpdate(d);
        }),
      );
    const ok = validateUpdate({ update: fromNewClients(64), stateVector: sv(server), ownClients: [], foreignClients: [] });
    expect(ok.ok && ok.claimClients.length).toBe(64);
    const refused = validateUpdate({ update: fromNewClients(65), stateVector: sv(server), ownClients: [], foreignClients: [] });
    expect(refused).toMatchObject({ ok: false, fatal: true, code: 'update_rejected', message: 'more than 64 new clientIDs in one update' });
  });

  it('refuses new content under a clientID bound to someone else, without being fatal', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const u = captureUpdate(client, () => client.getText('t').insert(0, 'spoof'));
    const r = validateUpdate({ update: u, stateVector: sv(server), ownClients: [], foreignClients: [client.clientID] });
    expect(r).toMatchObject({ ok: false, fatal: false, code: 'client_id_taken' });
  });

  it('keeps the sender’s own content and drops another person’s unknown content from a step 2', () => {
    const server = new Y.Doc();
    const other = new Y.Doc();
    const me = new Y.Doc();
    other.getMap('m').set('a', 1);
    Y.applyUpdate(me, Y.encodeStateAsUpdate(other));
    me.getMap('m').set('b', 2);
    const step2 = Y.encodeStateAsUpdate(me, Y.encodeStateVector(server));
    const r = validateUpdate({ update: step2, stateVector: sv(server), ownClients: [me.clientID], foreignClients: [other.clientID] });
    expect(r.ok).toBe(true);
    if (!r.ok || !r.accepted) throw new Error('expected accepted content');
    Y.applyUpdate(server, r.accepted);
    expect(server.getMap('m').toJSON()).toEqual({ b: 2 });
    expect(r.droppedForeign).toBe(true);
  });

  it('refuses own content that builds on content the server lacks', () => {
    const server = new Y.Doc();
    const other = new Y.Doc();
    const me = new Y.Doc();
    other.getText('t').insert(0, 'abc');
    Y.applyUpdate(me, Y.encodeStateAsUpdate(other));
    me.getText('t').insert(3, 'def');
    const step2 = Y.encodeStateAsUpdate(me, Y.encodeStateVector(server));
    const r = validateUpdate({ update: step2, stateVector: sv(server), ownClients: [me.clientID], foreignClients: [other.clientID] });
    expect(r).toMatchObject({ ok: false, fatal: false });
  });

  it('rejects garbage as malformed', () => {
    for (const bytes of [new Uint8Array([]), new Uint8Array([255, 255, 255, 255, 255]), new TextEncoder().encode('garbagedoc')]) {
      const r = validateUpdate({ update: bytes, stateVector: [], ownClients: [], foreignClients: [] });
      expect(r.ok).toBe(false);
    }
  });

  it('reports nothing new for content the server already has', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'x');
    const u = Y.encodeStateAsUpdate(server);
    const r = validateUpdate({ update: u, stateVector: sv(server), ownClients: [], foreignClients: [server.clientID] });
    expect(r).toEqual({ ok: true, accepted: null, claimClients: [], droppedForeign: false });
  });
});

import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AccordClient } from '../accord-client';
import type { ClientSpec, ServerKind } from './messages';

/** One simulated person editing one doc through a server's own client. */
export interface Editor {
  doc: Y.Doc;
  close(): void;
}

export interface EditorHooks {
  onAck(ms: number, ok: boolean, code: string | null): void;
  onError(code: string): void;
}

/**
 * Node has no WebSocket global before v22; the peers' clients take a constructor. `ws`
 * implements the browser interface they use, but its TypeScript class is not the DOM
 * one, so the constructor is handed over through `unknown`.
 */
const WebSocketPolyfill = WebSocket as unknown as typeof globalThis.WebSocket;

async function openAccord(spec: ClientSpec, hooks: EditorHooks, transport: 'wire' | 'socket.io-client'): Promise<Editor> {
  if (!spec.cookie) throw new Error('an Accord client needs a session cookie');
  const doc = new Y.Doc();
  const client = new AccordClient({
    url: spec.url,
    cookie: spec.cookie,
    transport,
    onAck: (ms, ack) => hooks.onAck(ms, ack.ok, ack.ok ? null : ack.code),
    onError: (e) => hooks.onError(e.code),
  });
  await client.connect();
  await client.open(spec.doc, doc);
  return { doc, close: () => client.close() };
}

async function openYWebsocket(spec: ClientSpec, hooks: EditorHooks): Promise<Editor> {
  const doc = new Y.Doc();
  // Same workload for every server: edits only, no presence. A null local state keeps
  // the provider from announcing and renewing presence.
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const provider = new WebsocketProvider(spec.url, spec.doc, doc, {
    WebSocketPolyfill,
    awareness,
    // Providers in one process would otherwise sync through BroadcastChannel, bypassing the server.
    disableBc: true,
  });
  provider.on('connection-error', () => hooks.onError('connection-error'));
  await new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    close: () => provider.destroy(),
  };
}

async function openHocuspocus(spec: ClientSpec, hooks: EditorHooks): Promise<Editor> {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: spec.url, WebSocketPolyfill });
  let provider: HocuspocusProvider | null = null;
  await new Promise<void>((resolve) => {
    provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: spec.doc,
      document: doc,
      // No presence, as for the other servers.
      awareness: null,
      onSynced: ({ state }) => {
        if (state) resolve();
      },
      onAuthenticationFailed: () => hooks.onError('authentication-failed'),
    });
    provider.attach();
  });
  return {
    doc,
    close: () => {
      provider?.destroy();
      socket.destroy();
    },
  };
}

export function openEditor(kind: ServerKind, spec: ClientSpec, hooks: EditorHooks): Promise<Editor> {
  switch (kind) {
    case 'accord':
      return openAccord(spec, hooks, 'wire');
    case 'accord-socket.io':
      return openAccord(spec, hooks, 'socket.io-client');
    case 'y-websocket':
      return openYWebsocket(spec, hooks);
    case 'hocuspocus':
      return openHocuspocus(spec, hooks);
  }
}

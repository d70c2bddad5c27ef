import * as Y from 'yjs';
import { SyncClient } from '../../components/sync/sync-client';
import type { DocHandle } from '../../components/sync/sync-client';
import { HttpClient } from './http-client';

export interface Person {
  email: string;
  password: string;
}

/** Signs a person in over HTTP; the client then carries their session cookie. */
export async function signedIn(url: string, person: Person): Promise<HttpClient> {
  const http = new HttpClient(url);
  const result = await http.signIn(person.email, person.password);
  if (!result.ok) throw new Error(`sign-in failed for ${person.email}: ${result.location}`);
  return http;
}

/** Signs a person in over HTTP and opens a realtime connection with their session cookie. */
export async function connectAs(url: string, person: Person, options: { transports?: ('polling' | 'websocket')[]; origin?: string } = {}) {
  const http = await signedIn(url, person);
  const headers: Record<string, string> = { cookie: http.cookieHeader() };
  if (options.origin) headers.origin = options.origin;
  const client = new SyncClient({ url, extraHeaders: headers, transports: options.transports ?? ['websocket'] });
  return { client, http };
}

/** Resolves when `predicate(doc)` holds, checking after every change. */
export function waitForDoc(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate(doc)) return resolve();
    const handler = () => {
      if (predicate(doc)) {
        doc.off('update', handler);
        resolve();
      }
    };
    doc.on('update', handler);
  });
}

export function waitForConnect(client: SyncClient): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.socket.connected) return resolve();
    client.socket.once('connect', () => resolve());
    client.socket.once('connect_error', (err) => reject(err));
  });
}

export function waitForDisconnect(client: SyncClient): Promise<string> {
  return new Promise((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
}

export async function openSynced(client: SyncClient, docId: string): Promise<DocHandle> {
  const handle = client.open(docId);
  await handle.whenSynced();
  return handle;
}

export function text(handle: DocHandle, key = 't'): string {
  return handle.doc.getText(key).toString();
}

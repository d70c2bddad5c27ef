'use client';

import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { indexedDbOfflineStore } from './indexeddb-offline-store';
import { SyncClient } from './sync-client';

export interface SyncConnection {
  client: SyncClient;
  /** The handshake's refusal (e.g. `unauthenticated` once the session has ended), or null. */
  connectError: string | null;
}

const SyncContext = createContext<SyncConnection | null>(null);

/**
 * One realtime connection for the page, opened after mount (it needs `window`) and closed
 * on unmount. Docs opened through `useDoc` below it share the socket and keep offline
 * copies under this person's id.
 */
export function SyncProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [connection, setConnection] = useState<SyncConnection | null>(null);

  useEffect(() => {
    const client = new SyncClient({ url: window.location.origin, offlineStore: indexedDbOfflineStore(userId) });
    setConnection({ client, connectError: null });
    const handleConnectError = (err: Error) => setConnection({ client, connectError: err.message });
    const handleConnect = () => setConnection({ client, connectError: null });
    // socket.io notices a dead network only after its ping timeout (and never for
    // localhost); the browser knows at once. Offline means no retrying until it is back.
    const handleOffline = () => client.socket.disconnect();
    const handleOnline = () => client.socket.connect();
    client.socket.on('connect_error', handleConnectError);
    client.socket.on('connect', handleConnect);
    window.addEventListener('offline', handleOffline);
    window.addEventListener('online', handleOnline);
    if (!navigator.onLine) handleOffline();
    return () => {
      window.removeEventListener('offline', handleOffline);
      window.removeEventListener('online', handleOnline);
      client.socket.off('connect_error', handleConnectError);
      client.socket.off('connect', handleConnect);
      void client.close();
      setConnection(null);
    };
  }, [userId]);

  return <SyncContext.Provider value={connection}>{children}</SyncContext.Provider>;
}

/** The page's realtime connection; null until mounted. */
export function useSyncConnection(): SyncConnection | null {
  return useContext(SyncContext);
}
